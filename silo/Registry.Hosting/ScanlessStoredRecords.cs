using Registry.Grains.Storage;

namespace Registry.Hosting;

/// <summary>
/// <see cref="IStoredRecords"/> where the grain storage has no scans (the official Azure Table provider): every call
/// is refused with an error naming the read model that has to take the scan's place. Read models that keep their own
/// persisted state (the boundary report) do not need this; the organization index keeps its own pieces
/// and starts empty here; the place-name index still rebuilds by scanning and so does not work on Azure until it keeps its own state (issue 12, part 3).
/// </summary>
public sealed class ScanlessStoredRecords : IStoredRecords
{
    public bool CanScan => false;

    public IAsyncEnumerable<T> ReadAllAsync<T>(string stateName, Func<string, bool>? keyFilter = null,
        CancellationToken cancellationToken = default) =>
        throw new NotSupportedException(
            $"Reading every stored '{stateName}' needs a storage scan, which the official Azure Table grain " +
            "storage does not offer; this read model has to keep its own persisted state instead.");
}
