namespace Registry.Abstractions.Divisions;

/// <summary>A division as of one date: code, name then in force (the last known name when it is not in force),
/// level, status and the parent code then (null for a province or when not in force).</summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionSummary")]
public sealed record DivisionSummary(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] DivisionLevel Level,
    [property: Id(3)] DivisionStatus Status,
    [property: Id(4)] string? ParentCode = null);
