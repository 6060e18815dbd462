namespace Registry.Abstractions.Statistics;

/// <summary>How a figure is counted over a period.</summary>
[GenerateSerializer, Alias("Registry.Statistics.StatisticsMeasure")]
public enum StatisticsMeasure
{
    /// <summary>Events whose own effective date falls in the period.</summary>
    Period = 0,

    /// <summary>The level at the end of the period's last day.</summary>
    AsOfEnd = 1,

    /// <summary>A share of two period figures over the same period (<see cref="StatisticsFigure.Numerator"/> over
    /// <see cref="StatisticsFigure.Denominator"/>), in per cent to one decimal; null when the denominator is 0.</summary>
    Ratio = 2,
}
