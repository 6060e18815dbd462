namespace Registry.Abstractions.Divisions;

/// <summary>What the division directory keeps of one division: its level, every name it has had and its history,
/// as its record gives them (see <see cref="IDivisionDirectoryPartGrain"/>).</summary>
[GenerateSerializer, Alias("Registry.Divisions.DivisionDirectoryEntry")]
public sealed record DivisionDirectoryEntry(
    [property: Id(0)] string Code,
    [property: Id(1)] DivisionLevel Level,
    [property: Id(2)] IReadOnlyList<DivisionNamePeriod> Names,
    [property: Id(3)] IReadOnlyList<DivisionEvent> History);
