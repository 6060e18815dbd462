namespace Registry.Grains.Publishing;

/// <summary>
/// What many records contribute to a partitioned read model, by partition: the shape of a bulk publication
/// (<see cref="IBulkPublisher"/>), where each partition gets one call with every record's entries there, as each
/// record's own feed (<see cref="PartitionFeed{TEntry}"/>) would send them one record at a time. Pure.
/// </summary>
public static class PartitionBatches
{
    /// <summary>For each partition, each record's entries there (a record with no entry in a partition is not in
    /// its batch, as a feed sends a record's partitions that hold its entries).</summary>
    public static Dictionary<string, Dictionary<string, List<TEntry>>> Of<TEntry>(
        IEnumerable<(string RecordKey, IReadOnlyList<TEntry> Entries)> records, Func<TEntry, string> partitionOf)
    {
        var batches = new Dictionary<string, Dictionary<string, List<TEntry>>>(StringComparer.Ordinal);
        foreach (var (recordKey, entries) in records)
        {
            foreach (var entry in entries)
            {
                var partition = partitionOf(entry);
                if (!batches.TryGetValue(partition, out var byRecord))
                {
                    batches[partition] = byRecord = new Dictionary<string, List<TEntry>>(StringComparer.Ordinal);
                }

                if (!byRecord.TryGetValue(recordKey, out var list))
                {
                    byRecord[recordKey] = list = [];
                }

                list.Add(entry);
            }
        }

        return batches;
    }
}
