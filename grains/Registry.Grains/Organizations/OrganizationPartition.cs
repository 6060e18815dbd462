using Registry.Abstractions.Organizations;
using Registry.Grains.Indexing;

namespace Registry.Grains.Organizations;

/// <summary>
/// The entries of one search-index partition in memory: a <see cref="PostingIndex{TDoc}"/> over
/// <see cref="OrganizationIndex.Terms"/> and, beside it, every entry in the default order (normalised name, then
/// code), kept sorted as entries are put, so a page need not sort its matches.
/// <para>
/// A search answers as the posting index and <see cref="OrganizationIndex.Matches"/> together would (the same total
/// and the same first <c>Skip + Take</c> in the query's order), at a cost that does not grow with the partition:
/// the posting lists are intersected once (<see cref="PostingIndex{TDoc}.MatchingIds"/>); when the query's terms
/// decide a match by themselves (no fragment or legal representative longer than one bigram, no list; see
/// <see cref="TermsDecide"/>), the total is the size of that intersection, counted without touching an entry, and a
/// page of many matches is read off the name order, stopping at the last entry wanted; a page of few matches, and
/// every other query, confirms and orders its candidates.
/// </para>
/// Pure; not thread-safe (one grain activation owns it).
/// </summary>
public sealed class OrganizationPartition
{
    private readonly PostingIndex<OrganizationIndexEntry> index = new(OrganizationIndex.Terms);
    private readonly SortedSet<OrganizationIndexEntry> byName = new(OrganizationIndex.NameOrder);

    /// <summary>How many entries the partition holds.</summary>
    public int Count => index.Count;

    /// <summary>Every entry, in no particular order.</summary>
    public IEnumerable<OrganizationIndexEntry> All => index.All;

    /// <summary>The revision held for <paramref name="uscc"/>, or null.</summary>
    public long? RevisionOf(string uscc) => index.RevisionOf(uscc);

    /// <summary>Adds or replaces the entry unless the same or a newer revision is held; returns whether it did.</summary>
    public bool Put(OrganizationIndexEntry entry)
    {
        var previous = index.Get(entry.Uscc);
        if (!index.Put(entry.Uscc, entry.Revision, entry))
        {
            return false;
        }

        if (previous is not null)
        {
            byName.Remove(previous);
        }

        byName.Add(entry);
        return true;
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        index.Clear();
        byName.Clear();
    }

    /// <summary>How many entries match <paramref name="query"/>, and the first <c>Skip + Take</c> of them in its order.</summary>
    public OrganizationPage Search(OrganizationQuery query)
    {
        var wanted = query.Skip + query.Take;
        var fragment = OrganizationIndex.Fragment(query);
        var representative = OrganizationIndex.Representative(query);
        if (query.Uscc is { } code)
        {
            var found = index.Get(code) is { } entry && OrganizationIndex.Matches(entry, query, fragment, representative)
                ? new List<OrganizationIndexEntry> { entry }
                : [];
            return new OrganizationPage(found.Count, found.Take(wanted).ToList());
        }

        var terms = OrganizationIndex.QueryTerms(query, fragment, representative);
        // One intersection serves both the total and the page (null: no terms, every entry is a candidate).
        var ids = terms.Count == 0 ? null : index.MatchingIds(terms);
        var candidates = ids?.Length ?? index.Count;
        if (TermsDecide(query, fragment, representative)
            // Reading the name order costs about wanted x Count / total entries; ordering the matches about total.
            && (long)candidates * candidates > (long)wanted * index.Count)
        {
            return new OrganizationPage(candidates, byName
                .Where(e => OrganizationIndex.Matches(e, query, fragment, representative))
                .Take(wanted)
                .ToList());
        }

        var matches = new List<OrganizationIndexEntry>(Math.Min(candidates, 1024));
        foreach (var entry in ids is null ? index.All : ids.Select(index.Doc))
        {
            if (OrganizationIndex.Matches(entry, query, fragment, representative))
            {
                matches.Add(entry);
            }
        }

        return new OrganizationPage(matches.Count, TopK<OrganizationIndexEntry>.Of(matches, OrganizationIndex.Order(query), wanted));
    }

    /// <summary>
    /// Whether an entry with every term of the query is sure to match it: true unless a fragment or legal
    /// representative is longer than one bigram (its bigrams may lie apart), a list orders by date, or a code is asked.
    /// </summary>
    public static bool TermsDecide(OrganizationQuery query, string? normalizedFragment, string? normalizedRepresentative) =>
        query.Uscc is null && query.List is null
        && (normalizedFragment is null || normalizedFragment.Length <= 2)
        && (normalizedRepresentative is null || normalizedRepresentative.Length <= 2);
}
