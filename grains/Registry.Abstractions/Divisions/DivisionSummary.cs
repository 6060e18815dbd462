namespace Registry.Abstractions.Divisions;

/// <summary>A division as of one date: code, name then in force, level and status.</summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionSummary")]
public sealed record DivisionSummary(
    [property: Id(0)] string Code,
    [property: Id(1)] string Name,
    [property: Id(2)] DivisionLevel Level,
    [property: Id(3)] DivisionStatus Status);
