using Orleans.Concurrency;

namespace Registry.Abstractions.Organizations;

/// <summary>
/// The deadlines of one search-index partition's organizations, keyed by partition number (the same as
/// <see cref="IOrganizationIndexGrain"/>): one durable reminder per partition, due at the start of each civil day in
/// the bureau's zone, instead of one reminder per organization. Each tick asks the partition which active
/// organizations have a deadline on or before today (<see cref="IOrganizationIndexGrain.DueAsync"/>) and asks each of
/// them to apply its deadlines; the organizations' states keep every deadline exactly-once and dated, so a late,
/// repeated or failed tick changes nothing but when.
/// </summary>
[Alias("Registry.Organizations.IOrganizationDeadlineSweepGrain")]
public interface IOrganizationDeadlineSweepGrain : IGrainWithIntegerKey
{
    /// <summary>Arms the daily reminder if it is not armed yet (idempotent; the partition does so when activated).</summary>
    [AlwaysInterleave]
    Task EnsureArmedAsync();

    /// <summary>Applies today's due deadlines of the partition's organizations (what each tick does); returns how
    /// many organizations were asked, of which any that failed are asked again by the next tick.</summary>
    Task<int> SweepAsync();
}
