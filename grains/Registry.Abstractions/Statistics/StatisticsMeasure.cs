namespace Registry.Abstractions.Statistics;

/// <summary>How a figure is counted over a period.</summary>
[GenerateSerializer, Alias("Registry.Statistics.StatisticsMeasure")]
public enum StatisticsMeasure
{
    /// <summary>Events whose own effective date falls in the period.</summary>
    Period = 0,

    /// <summary>The level at the end of the period's last day.</summary>
    AsOfEnd = 1,
}
