namespace Registry.Abstractions.Boundaries;

/// <summary>An import begins: what kind, from which file or source, how many features, and why.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.ImportJobStart")]
public sealed record ImportJobStart(
    [property: Id(0)] ImportKind Kind,
    [property: Id(1)] string? SourceName,
    [property: Id(2)] int Total,
    [property: Id(3)] string Reason);
