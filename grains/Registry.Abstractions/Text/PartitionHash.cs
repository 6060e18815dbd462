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
    public static int Partition(string text, int partitions) => (int)(Fnv1a(text) % (uint)partitions);

    /// <summary>
    /// The partition <paramref name="text"/> falls in by its hash with every bit mixed into the low ones (the
    /// finalizer of MurmurHash3) before the modulo. Where the partitions are a power of two, <see cref="Partition"/>
    /// takes the hash's low bits, and FNV-1a's low bits depend only on the low bits of each code unit: texts that fell
    /// in one partition by one key fall together again by a key that adds to it, so a partition split by its records'
    /// keys could send all its records to one child, and that child all of them to one of its own (500,000 archived
    /// marriages split one office register partition to a depth of hundreds). A split picks children by this.
    /// </summary>
    public static int Mixed(string text, int partitions)
    {
        var hash = Fnv1a(text);
        hash ^= hash >> 16;
        hash *= 0x85EB_CA6Bu;
        hash ^= hash >> 13;
        hash *= 0xC2B2_AE35u;
        hash ^= hash >> 16;
        return (int)(hash % (uint)partitions);
    }

    private static uint Fnv1a(string text)
    {
        var hash = 2_166_136_261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16_777_619u;
        }

        return hash;
    }
}
