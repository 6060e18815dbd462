using Registry.Abstractions.Errors;
using Registry.Grains.Storage;

namespace Registry.Hosting;

/// <summary>
/// <see cref="IStoredRecords"/> where the grain storage has no scans (the official Azure Table provider): every call
/// is refused as a conflict with how this deployment stores its records (409, rule <see cref="Rule"/>), naming the
/// state whose records would have to be read, so that an operation that needs them (an index rebuilt from the
/// records) answers a clear problem instead of failing. Read models that keep their own persisted state (the
/// organization index's pieces, the boundary report, the spatial tiles, the division directory) do not come here.
/// </summary>
public sealed class ScanlessStoredRecords : IStoredRecords
{
    /// <summary>The rule of the refusal.</summary>
    public const string Rule = "storage-cannot-list";

    public bool CanScan => false;

    public IAsyncEnumerable<T> ReadAllAsync<T>(string stateName, Func<string, bool>? keyFilter = null,
        CancellationToken cancellationToken = default) =>
        throw DomainException.Conflict(Rule,
            $"This needs every stored '{stateName}' record, and Azure Table storage (the official Orleans provider) " +
            "cannot list them; on Azure it is not available.");
}
