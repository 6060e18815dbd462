namespace Registry.Hosting.Configuration;

/// <summary>How silos and clients find each other.</summary>
public enum ClusteringProvider
{
    /// <summary>One silo on this machine (development, embedded hosting).</summary>
    Localhost = 0,

    /// <summary>
    /// Several silos whose membership table (and reminders) live in Redis (<c>ConnectionStrings:redis</c>).
    /// </summary>
    Redis = 1,

    /// <summary>
    /// Several silos whose membership table and reminders live in Azure Table Storage (the storage account of
    /// <c>ConnectionStrings:registry</c>), through the official Orleans providers.
    /// </summary>
    AzureTable = 2,
}
