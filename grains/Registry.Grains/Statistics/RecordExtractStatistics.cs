using Registry.Abstractions.Persons;
using Registry.Abstractions.Statistics;

namespace Registry.Grains.Statistics;

/// <summary>What an issued marriage-record extract counts in the statistics: one <c>marriage.recordExtracts</c> at
/// its office on its day of issue. Pure.</summary>
public static class RecordExtractStatistics
{
    public static RecordStatistics Of(MarriageRecordExtract? extract) =>
        extract is null
            ? RecordStatistics.None
            : new RecordStatistics(
                [new StatisticsFact($"extract:{extract.Number}", StatisticsFigures.RecordExtracts, extract.Office,
                    extract.IssuedOn)],
                []);
}
