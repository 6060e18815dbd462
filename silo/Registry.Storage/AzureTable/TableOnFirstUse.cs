using Azure.Data.Tables;

namespace Registry.Storage.AzureTable;

/// <summary>An Azure table created (if absent) on first use, once per process however many callers race to it.
/// Thread-safe.</summary>
internal sealed class TableOnFirstUse(TableServiceClient service, string tableName)
{
    private readonly SemaphoreSlim createGate = new(1, 1);
    private volatile bool created;

    /// <summary>The table, not yet known to exist (see <see cref="GetAsync"/>).</summary>
    public TableClient Table { get; } = service.GetTableClient(tableName);

    /// <summary>The table, created first if this process has not yet.</summary>
    public async Task<TableClient> GetAsync(CancellationToken cancellationToken)
    {
        if (created)
        {
            return Table;
        }

        await createGate.WaitAsync(cancellationToken);
        try
        {
            if (!created)
            {
                await Table.CreateIfNotExistsAsync(cancellationToken);
                created = true;
            }
        }
        finally
        {
            createGate.Release();
        }

        return Table;
    }
}
