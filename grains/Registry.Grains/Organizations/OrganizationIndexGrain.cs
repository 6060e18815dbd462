using Registry.Abstractions.Organizations;
using Registry.Grains.Storage;

namespace Registry.Grains.Organizations;

/// <summary>
/// One partition of the search index, in memory; see <see cref="IOrganizationIndexGrain"/> and
/// <see cref="OrganizationIndex"/>. Built on activation from the stored records of its partition (read directly
/// from storage, not through the organization grains), then kept in step by organization grains, which upsert their
/// entry after each committed write. Revisions make upserts idempotent and order-proof: a rebuild that read an older
/// record never hides a newer upsert, and vice versa. Kept active so a partition is not rebuilt after idle periods.
/// </summary>
[GrainType(StorageNames.OrganizationIndexGrainType)]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class OrganizationIndexGrain(IStoredRecords records) : Grain, IOrganizationIndexGrain
{
    private readonly Dictionary<string, OrganizationIndexEntry> entries = new(StringComparer.Ordinal);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task UpsertAsync(OrganizationIndexEntry entry)
    {
        Apply(entry);
        return Task.CompletedTask;
    }

    public Task<OrganizationPage> SearchAsync(OrganizationQuery query)
    {
        var fragment = OrganizationIndex.Fragment(query);
        var representative = OrganizationIndex.Representative(query);
        // A code names at most one entry: look it up instead of scanning the partition.
        IEnumerable<OrganizationIndexEntry> candidates = query.Uscc is { } code
            ? entries.TryGetValue(code, out var entry) ? [entry] : []
            : entries.Values;
        var matches = candidates.Where(e => OrganizationIndex.Matches(e, query, fragment, representative)).ToList();
        matches.Sort(OrganizationIndex.Order(query));
        return Task.FromResult(new OrganizationPage(matches.Count, matches.Take(query.Skip + query.Take).ToList()));
    }

    public async Task<int> RebuildAsync()
    {
        entries.Clear();
        await LoadAsync(CancellationToken.None);
        return entries.Count;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var partition = (int)this.GetPrimaryKeyLong();
        await foreach (var state in records.ReadAllAsync<OrganizationState>(StorageNames.Organization,
                           uscc => OrganizationIndex.PartitionOf(uscc) == partition, cancellationToken))
        {
            if (state.Uscc.Length > 0)
            {
                Apply(OrganizationViews.IndexEntry(state));
            }
        }
    }

    private void Apply(OrganizationIndexEntry entry)
    {
        if (!entries.TryGetValue(entry.Uscc, out var current) || current.Revision < entry.Revision)
        {
            entries[entry.Uscc] = entry;
        }
    }
}
