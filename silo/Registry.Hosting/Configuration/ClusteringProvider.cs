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
}
