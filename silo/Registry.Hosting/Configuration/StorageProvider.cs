namespace Registry.Hosting.Configuration;

/// <summary>Grain-state backends behind the Registry's storage provider.</summary>
public enum StorageProvider
{
    /// <summary>An embedded SQLite file under <c>Registry:DataDirectory</c> (single silo).</summary>
    Sqlite = 0,
}
