namespace Registry.Abstractions.Statistics;

/// <summary>
/// One figure of the annual statistics: its key, domain (<c>marriage</c>, <c>organizations</c>, <c>places</c>,
/// <c>boundaries</c>), Chinese label (the CSV header and the page's), how it is measured, and when the registry does
/// not hold the records to count it, why (<see cref="NotRecordedBecause"/>; its value is then null, never 0). A
/// <see cref="StatisticsMeasure.Ratio"/> names the two period figures it divides.
/// </summary>
public sealed record StatisticsFigure(
    string Key,
    string Domain,
    string Label,
    StatisticsMeasure Measure,
    string? NotRecordedBecause = null,
    string? Numerator = null,
    string? Denominator = null)
{
    public bool Recorded => NotRecordedBecause is null;
}
