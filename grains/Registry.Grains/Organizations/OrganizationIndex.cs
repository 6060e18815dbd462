using Registry.Abstractions.Organizations;

namespace Registry.Grains.Organizations;

/// <summary>
/// How the search index is partitioned and queried. An organization lives in partition
/// <see cref="PartitionOf"/> = FNV-1a hash of its USCC mod <see cref="PartitionCount"/>: stable across processes
/// and renames, and spreading registrations of one office or one popular name evenly, so no partition is a hot spot
/// for writes. A search asks every partition (a fixed, small fan-out) and merges. The index is not stored, so the
/// partition count can change between deployments without any migration. Pure.
/// </summary>
public static class OrganizationIndex
{
    public const int PartitionCount = 32;

    public static int PartitionOf(string uscc)
    {
        var hash = 2166136261u;
        foreach (var c in uscc)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % PartitionCount);
    }

    /// <summary>Whether the entry answers the query; <paramref name="normalizedFragment"/> and
    /// <paramref name="normalizedRepresentative"/> are the query's, normalised once per search by
    /// <see cref="Fragment"/> and <see cref="Representative"/> (not once per entry).</summary>
    public static bool Matches(OrganizationIndexEntry entry, OrganizationQuery query, string? normalizedFragment,
        string? normalizedRepresentative) =>
        (normalizedFragment is null || entry.SearchName.Contains(normalizedFragment, StringComparison.Ordinal))
        && (query.Kind is null || entry.Kind == query.Kind)
        && (query.RegisteringOffice is null || IsWithin(entry.RegisteringOffice, query.RegisteringOffice))
        && (query.Uscc is null || entry.Uscc == query.Uscc)
        && (normalizedRepresentative is null
            || entry.SearchLegalRepresentative.Contains(normalizedRepresentative, StringComparison.Ordinal))
        && (query.Status is null || entry.Status == query.Status)
        && (query.List is null || entry.ListedSince(query.List.Value) is not null);

    /// <summary>
    /// Whether <paramref name="office"/> is <paramref name="scope"/> or below it in the GB/T 2260 hierarchy: a code
    /// ending in <c>0000</c> covers its province, one ending in <c>00</c> its prefecture.
    /// </summary>
    public static bool IsWithin(string office, string scope)
    {
        var prefix = scope.EndsWith("0000", StringComparison.Ordinal) ? scope[..2]
            : scope.EndsWith("00", StringComparison.Ordinal) ? scope[..4]
            : scope;
        return office.StartsWith(prefix, StringComparison.Ordinal);
    }

    private static string Normalized(string text) =>
        OrganizationRules.IsWellFormedText(text) ? OrganizationNames.Normalize(text) : text;

    /// <summary>The normalised legal representative of a query, or null when it has none.</summary>
    public static string? Representative(OrganizationQuery query) =>
        query.LegalRepresentative is null ? null : Normalized(query.LegalRepresentative);

    /// <summary>The normalised name fragment of a query, or null when it has none.</summary>
    public static string? Fragment(OrganizationQuery query) =>
        string.IsNullOrWhiteSpace(query.NameFragment) ? null
        : OrganizationRules.IsWellFormedText(query.NameFragment) ? OrganizationNames.Normalize(query.NameFragment)
        : query.NameFragment; // cannot match any stored (well-formed) name


    /// <summary>List queries: newest listing first; others: by name. Ties by code, so paging is stable.</summary>
    public static IComparer<OrganizationIndexEntry> Order(OrganizationQuery query) =>
        query.List is { } list
            ? Comparer<OrganizationIndexEntry>.Create((a, b) =>
            {
                var byDate = Nullable.Compare(b.ListedSince(list), a.ListedSince(list));
                return byDate != 0 ? byDate : string.CompareOrdinal(a.Uscc, b.Uscc);
            })
            : Comparer<OrganizationIndexEntry>.Create((a, b) =>
            {
                var byName = string.CompareOrdinal(a.SearchName, b.SearchName);
                return byName != 0 ? byName : string.CompareOrdinal(a.Uscc, b.Uscc);
            });
}
