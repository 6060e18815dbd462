namespace Registry.Hosting.Configuration;

/// <summary>The <c>Registry:Clustering</c> section.</summary>
public sealed class RegistryClusteringOptions
{
    /// <summary>The section of Orleans' membership settings (<c>ClusterMembershipOptions</c>: probe timeouts,
    /// death votes ...), bound as they are named there.</summary>
    public const string MembershipSection = "Registry:Clustering:Membership";

    public ClusteringProvider Provider { get; set; } = ClusteringProvider.Localhost;

    public string ClusterId { get; set; } = "registry";

    /// <summary>Stays the same for the lifetime of the deployment: stored data is keyed by it.</summary>
    public string ServiceId { get; set; } = "registry";

    public int SiloPort { get; set; } = 11111;

    /// <summary>Port clients connect to; 0 opens none (an embedded API needs none).</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The address other silos and clients reach this silo at (Redis clustering). The silo then also listens on this
    /// address only; <c>127.0.0.1</c> runs several silos on one machine. Empty: Orleans picks this host's first
    /// network address and listens on all.
    /// </summary>
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>
    /// Running in Kubernetes (Microsoft.Orleans.Hosting.Kubernetes): the silo takes its name, address, cluster and
    /// service id from the pod, and silos whose pods are gone are declared dead at once. Needs Redis clustering.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>The default of <see cref="DirectoryCacheSize"/> with localhost clustering.</summary>
    public const int OneSiloDirectoryCacheSize = 100_000;

    /// <summary>
    /// Most grain addresses a silo keeps in its cache of where grains live (Orleans' <c>GrainDirectoryOptions.CacheSize</c>,
    /// least recently used first out). Unset: <see cref="OneSiloDirectoryCacheSize"/> with localhost clustering, where a
    /// miss is a look-up in the silo's own directory, and Orleans' default (1,000,000) in a cluster, where a miss asks
    /// another silo. Orleans' default kept an entry for every grain a national load ever called, some 400 bytes each.
    /// </summary>
    public int? DirectoryCacheSize { get; set; }

    /// <summary><c>ConnectionStrings:redis</c>. Set by <see cref="RegistryOptions.From"/>, not bound from this
    /// section.</summary>
    public string? RedisConnectionString { get; internal set; }
}
