namespace Registry.Hosting.Configuration;

/// <summary>The <c>Registry:Clustering</c> section.</summary>
public sealed class RegistryClusteringOptions
{
    public ClusteringProvider Provider { get; set; } = ClusteringProvider.Localhost;

    public string ClusterId { get; set; } = "registry";

    /// <summary>Stays the same for the lifetime of the deployment: stored data is keyed by it.</summary>
    public string ServiceId { get; set; } = "registry";

    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients connect to; 0 opens none (an embedded API needs none).</summary>
    public int GatewayPort { get; set; } = 30000;
}
