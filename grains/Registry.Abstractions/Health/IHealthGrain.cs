namespace Registry.Abstractions.Health;

/// <summary>
/// Answers readiness probes from inside the cluster: a call that returns proves a silo is up and its grain storage
/// answers. A stateless worker, so any silo answers; the key is ignored (use 0).
/// </summary>
[Alias("Registry.Health.IHealthGrain")]
public interface IHealthGrain : IGrainWithIntegerKey
{
    /// <summary>Pings the storage backend; throws when it does not answer.</summary>
    Task<string> CheckStorageAsync();
}
