namespace Registry.Abstractions.Marriages;

/// <summary>Where a record entered from the archive (补录) is kept on paper: the archive volume and the page.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Marriages.ArchiveSource")]
public sealed record ArchiveSource(
    [property: Id(0)] string Volume,
    [property: Id(1)] string Page);
