using System.Globalization;

namespace Registry.Abstractions.Statistics;

/// <summary>The keys of the statistics grains. Pure.</summary>
public static class StatisticsKeys
{
    /// <summary>The partition of an office's month.</summary>
    public static string Partition(string office, DateOnly date) =>
        $"{office}/{date.Year:D4}-{date.Month:D2}";

    /// <summary>The office and month a partition key names.</summary>
    public static (string Office, int Year, int Month) ParsePartition(string key)
    {
        var slash = key.LastIndexOf('/');
        var month = key[(slash + 1)..];
        return (key[..slash], int.Parse(month[..4], CultureInfo.InvariantCulture),
            int.Parse(month[5..], CultureInfo.InvariantCulture));
    }

    /// <summary>The two digits of the province an office (or a shared correction) lies in.</summary>
    public static string Province(string office)
    {
        var code = office.StartsWith(StatisticsFigures.SharedPrefix, StringComparison.Ordinal)
            ? office[StatisticsFigures.SharedPrefix.Length..]
            : office;
        return code.Length >= 2 ? code[..2] : "00";
    }

    /// <summary>The roll-up of a province's year.</summary>
    public static string Rollup(string province, int year) => $"{province}/{year:D4}";

    /// <summary>The province digits and year a roll-up key names.</summary>
    public static (string Province, int Year) ParseRollup(string key) =>
        (key[..2], int.Parse(key[3..], CultureInfo.InvariantCulture));
}
