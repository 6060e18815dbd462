using Registry.Abstractions.Divisions;

namespace Registry.Grains.Divisions;

/// <summary>What the directory keeps of one division: level, names over time and history.</summary>
public sealed record DivisionIndexEntry(
    string Code,
    DivisionLevel Level,
    IReadOnlyList<DivisionNamePeriod> Names,
    IReadOnlyList<DivisionEvent> History)
{
    public static DivisionIndexEntry Of(DivisionState state) =>
        new(state.Code, state.Level, DivisionTimeline.NamePeriods(state), DivisionTimeline.History(state));
}
