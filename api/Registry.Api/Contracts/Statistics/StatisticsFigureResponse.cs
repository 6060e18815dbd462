using Registry.Abstractions.Statistics;

namespace Registry.Api.Contracts.Statistics;

/// <summary>A figure of the answer: its key (the member name in every <c>figures</c> object), domain, Chinese label,
/// measure (<c>period</c>: events dated in the period; <c>as-of-end</c>: the level at the end of its last day) and,
/// when the registry does not record it, why (its values are then null).</summary>
public sealed record StatisticsFigureResponse(string Key, string Domain, string Label, StatisticsMeasure Measure,
    bool Recorded, string? NotRecordedBecause)
{
    public static StatisticsFigureResponse From(StatisticsFigure f) =>
        new(f.Key, f.Domain, f.Label, f.Measure, f.Recorded, f.NotRecordedBecause);
}
