namespace Registry.Abstractions.Divisions;

/// <summary>A division found by name: the name that matched, whether it is its name today (false: a former or later
/// name), its level and every name it has had.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Divisions.DivisionNameMatch")]
public sealed record DivisionNameMatch(
    [property: Id(0)] string Code,
    [property: Id(1)] string MatchedName,
    [property: Id(2)] bool Exact,
    [property: Id(3)] DivisionLevel Level,
    [property: Id(4)] IReadOnlyList<DivisionNamePeriod> Names);
