namespace Registry.Abstractions.Text;

/// <summary>
/// A hash of a text that is the same in every process and every run (FNV-1a over its UTF-16 code units), unlike
/// <see cref="string.GetHashCode()"/>: it spreads a read model's entries over a fixed number of stored partitions,
/// whose keys must not change between restarts. (Orleans's own <c>StableHash</c> would do as well; this one is kept
/// because the office day register's stored partitions were first keyed by it.)
/// </summary>
public static class PartitionHash
{
    /// <summary>The partition, from 0 to <paramref name="partitions"/> - 1, that <paramref name="text"/> falls
    /// in.</summary>
    public static int Partition(string text, int partitions)
    {
        var hash = 2_166_136_261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16_777_619u;
        }

        return (int)(hash % (uint)partitions);
    }
}
