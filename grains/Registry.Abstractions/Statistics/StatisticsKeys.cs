using System.Globalization;
using Registry.Abstractions.Text;

namespace Registry.Abstractions.Statistics;

/// <summary>The keys of the statistics grains. Pure.</summary>
public static class StatisticsKeys
{
    /// <summary>The partition of an office's month.</summary>
    public static string Partition(string office, DateOnly date) =>
        $"{office}/{date.Year:D4}-{date.Month:D2}";

    /// <summary>How many pages an office's month keeps its facts in (see <see cref="Page"/>).</summary>
    public const int Pages = 16;

    /// <summary>
    /// The page of an office's month that keeps fact <paramref name="factId"/>: chosen by the record part of the id
    /// (before its first <c>#</c>), so all facts of one record in that month are one page and one write, and a fact
    /// published again always meets its stored self. Stable across processes (<see cref="PartitionHash"/>).
    /// </summary>
    public static int Page(string factId)
    {
        var hash = factId.IndexOf('#', StringComparison.Ordinal);
        return PartitionHash.Partition(hash < 0 ? factId : factId[..hash], Pages);
    }

    /// <summary>The key of page <paramref name="page"/> (0 to <see cref="Pages"/> - 1) of a partition.</summary>
    public static string PageKey(string partition, int page) =>
        $"{partition}/{page.ToString("D2", CultureInfo.InvariantCulture)}";

    /// <summary>The partition key of a page key.</summary>
    public static string PartitionOfPage(string pageKey) => pageKey[..pageKey.LastIndexOf('/')];

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
