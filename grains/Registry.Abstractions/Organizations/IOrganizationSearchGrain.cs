using Registry.Abstractions.Grains;
using Orleans.Concurrency;

namespace Registry.Abstractions.Organizations;

/// <summary>
/// Answers searches by asking every index partition in parallel and merging their ordered results; a stateless
/// worker (use key 0), so searches spread over silos and never queue behind each other.
/// </summary>
[Alias("Registry.Organizations.IOrganizationSearchGrain")]
public interface IOrganizationSearchGrain : IGrainWithIntegerKey
{
    [ReadOnly]
    Task<OrganizationPage> SearchAsync(OrganizationQuery query);

    /// <summary>
    /// Maintenance: every partition builds its stored entries again from the organization records (one scan of the
    /// records per partition); returns the entry count. Never needed to start: partitions start from their own
    /// stored entries.
    /// </summary>
    [ResponseTimeout(RebuildTimeout.Limit)]
    Task<int> RebuildAsync();
}
