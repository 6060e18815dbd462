namespace Registry.Hosting.Configuration;

/// <summary>The <c>Registry:Storage</c> section.</summary>
public sealed class RegistryStorageOptions
{
    /// <summary>The grain-state backend.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;
}
