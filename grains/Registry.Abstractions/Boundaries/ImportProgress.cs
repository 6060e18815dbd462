namespace Registry.Abstractions.Boundaries;

/// <summary>Counts so far and the rejections found since the last report. <see cref="Processed"/> counts input
/// features; the other counts count records.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.ImportProgress")]
public sealed record ImportProgress(
    [property: Id(0)] int Processed,
    [property: Id(1)] int Created,
    [property: Id(2)] int Changed,
    [property: Id(3)] int Unchanged,
    [property: Id(4)] IReadOnlyList<ImportRejection> NewRejections);
