using System.Globalization;

namespace Registry.Abstractions.Persons;

/// <summary>
/// The access log is partitioned by the bureau's calendar day and by a shard of the subject's ID number, so no one
/// grain takes every read: key <c>yyyy-MM-dd/ss</c>. All reads of one person on one day land in one partition.
/// </summary>
public static class AccessLogPartition
{
    public const int Shards = 16;

    public static string KeyOf(DateOnly day, string subjectIdNumber) => KeyOf(day, ShardOf(subjectIdNumber));

    public static IEnumerable<string> KeysOf(DateOnly day) => Enumerable.Range(0, Shards).Select(s => KeyOf(day, s));

    /// <summary>A stable shard (FNV-1a over the characters), the same in every process.</summary>
    public static int ShardOf(string subjectIdNumber)
    {
        var hash = 2166136261u;
        foreach (var c in subjectIdNumber)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % Shards);
    }

    private static string KeyOf(DateOnly day, int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd}/{shard:00}");
}
