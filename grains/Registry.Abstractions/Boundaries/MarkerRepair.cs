namespace Registry.Abstractions.Boundaries;

/// <summary>A repair opened when an inspection completed with a marker not intact, tracked until done.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.MarkerRepair")]
public sealed record MarkerRepair(
    [property: Id(0)] string MarkerNumber,
    [property: Id(1)] FindingKind Finding,
    [property: Id(2)] RepairStatus Status,
    [property: Id(3)] DateOnly? CompletedOn,
    [property: Id(4)] string? Note);
