using Registry.Abstractions.Divisions;
using Registry.Abstractions.Statistics;

namespace Registry.Api.Statistics;

/// <summary>
/// The versions of everything a statistics report is computed from: the division history (the cluster's version and
/// this process's count of its own changes), and each statistics grain asked, by key, with its version. Two equal
/// sources mean the same grains were asked and none of them, nor the division history, changed in between. Immutable.
/// </summary>
public sealed record StatisticsSources(
    DivisionHistoryVersion DivisionHistory,
    long LocalDivisionChanges,
    IReadOnlyList<KeyValuePair<string, StatisticsVersion>> Grains)
{
    public bool Equals(StatisticsSources? other) =>
        other is not null && DivisionHistory == other.DivisionHistory &&
        LocalDivisionChanges == other.LocalDivisionChanges && Grains.SequenceEqual(other.Grains);

    public override int GetHashCode() => HashCode.Combine(DivisionHistory, LocalDivisionChanges, Grains.Count);
}
