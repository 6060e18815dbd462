using Orleans.Concurrency;

namespace Registry.Abstractions.Divisions;

/// <summary>
/// The version of the division history as a whole, so a cache of division facts in any process of the cluster knows
/// when its copy is old: <see cref="IDivisionChangeGrain"/> moves it after applying every step of a change and before
/// the change's call returns (a client that recorded a change reads it back through any API process). Key:
/// <see cref="Key"/>, one per registry. Held in memory only: a new activation answers a new
/// <see cref="DivisionHistoryVersion.Epoch"/>, so a cache that cannot tell whether it missed a change reloads.
/// </summary>
[Alias("Registry.Divisions.IDivisionHistoryVersionGrain")]
public interface IDivisionHistoryVersionGrain : IGrainWithStringKey
{
    /// <summary>The one key.</summary>
    public const string Key = "cn";

    /// <summary>The version now.</summary>
    [ReadOnly, AlwaysInterleave]
    Task<DivisionHistoryVersion> GetAsync();

    /// <summary>Notes that the division history changed. Repeating it only moves the version again.</summary>
    Task ChangedAsync();
}
