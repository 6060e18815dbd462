using Azure.Data.Tables;
using Registry.Abstractions.Health;

namespace Registry.Hosting;

/// <summary>Proves the storage account's table service answers (the official Azure provider's backend), for
/// readiness probes: one query for the grain-state table by name.</summary>
public sealed class AzureTableStorageProbe(TableServiceClient tables, string tableName) : IStorageProbe
{
    public string BackendName => "azure-table";

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var _ in tables.QueryAsync(table => table.Name == tableName, maxPerPage: 1,
                           cancellationToken: cancellationToken))
        {
            break;
        }
    }
}
