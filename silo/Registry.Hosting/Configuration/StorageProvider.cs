namespace Registry.Hosting.Configuration;

/// <summary>Grain-state backends behind the Registry's storage provider.</summary>
public enum StorageProvider
{
    /// <summary>An embedded SQLite file under <c>Registry:DataDirectory</c> (single silo).</summary>
    Sqlite = 0,

    /// <summary>A PostgreSQL database (<c>ConnectionStrings:registry</c>): the system of record of a cluster.</summary>
    PostgreSql = 1,

    /// <summary>
    /// Azure Table Storage (<c>ConnectionStrings:registry</c>), in the official Orleans provider's layout.
    /// </summary>
    AzureTable = 2,
}
