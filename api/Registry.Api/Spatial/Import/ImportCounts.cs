using Registry.Abstractions.Boundaries;

namespace Registry.Api.Spatial.Import;

/// <summary>Running totals of one import, reported to its job in batches. Thread-safe.</summary>
internal sealed class ImportCounts
{
    private readonly Lock gate = new();
    private readonly List<ImportRejection> pending = [];
    private int processed;
    private int created;
    private int changed;
    private int unchanged;

    public int Processed
    {
        get
        {
            lock (gate)
            {
                return processed;
            }
        }
    }

    public void Stored(RecordChange change, int features)
    {
        lock (gate)
        {
            processed += features;
            switch (change)
            {
                case RecordChange.Created:
                    created++;
                    break;
                case RecordChange.Unchanged:
                    unchanged++;
                    break;
                default:
                    changed++;
                    break;
            }
        }
    }

    public void Rejected(IEnumerable<ImportRejection> rejections, int features)
    {
        lock (gate)
        {
            processed += features;
            pending.AddRange(rejections);
        }
    }

    /// <summary>The totals and the rejections since the last call.</summary>
    public ImportProgress Take()
    {
        lock (gate)
        {
            var progress = new ImportProgress(processed, created, changed, unchanged,
                pending.OrderBy(r => r.Index).ToList());
            pending.Clear();
            return progress;
        }
    }
}
