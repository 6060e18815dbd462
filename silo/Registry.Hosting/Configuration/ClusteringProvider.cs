namespace Registry.Hosting.Configuration;

/// <summary>How silos and clients find each other.</summary>
public enum ClusteringProvider
{
    /// <summary>One silo on this machine (development, embedded hosting).</summary>
    Localhost = 0,
}
