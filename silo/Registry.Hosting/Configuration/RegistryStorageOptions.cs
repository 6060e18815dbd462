namespace Registry.Hosting.Configuration;

/// <summary>The <c>Registry:Storage</c> section.</summary>
public sealed class RegistryStorageOptions
{
    /// <summary>The grain-state backend.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>PostgreSQL: the schema holding the Registry's tables (created if absent).</summary>
    public string Schema { get; set; } = "registry";

    /// <summary>Azure Table: the table holding the states, each record's history in its own (created if absent).
    /// </summary>
    public string TableName { get; set; } = "RegistryGrainState";

    /// <summary>Azure Table: the table holding the access log to person data, one entity per read (created if
    /// absent).</summary>
    public string AccessLogTableName { get; set; } = "RegistryAccessLog";

    /// <summary>Azure Table: the table holding the outbox's rows, each written just before the state write it
    /// announces and deleted once the record's read models have it (created if absent).</summary>
    public string OutboxTableName { get; set; } = "RegistryOutbox";

    /// <summary>
    /// <c>ConnectionStrings:registry</c>: the PostgreSQL or Azure Storage connection string. Set by
    /// <see cref="RegistryOptions.From"/>, not bound from this section.
    /// </summary>
    public string? ConnectionString { get; internal set; }
}
