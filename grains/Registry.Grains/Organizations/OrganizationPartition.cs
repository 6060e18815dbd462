using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
/// <para>
/// Filter searches (kind, status, an office with those below it; no text, no list) neither intersect nor count:
/// the partition keeps how many entries each combination of kind or any, status or any and office scope above the
/// county or any holds (twelve counters moved per put), and each status but active and each such scope in name
/// order too. The page is read off the shortest of those orders (or the whole name order), so it costs about
/// <c>Skip + Take</c> entries times how sparse the other filters are within that order, the same at 900,000
/// organizations as at 25,000; only when the matches are so few that ordering them is cheaper does it intersect. A county is not kept
/// (its posting list is already short), so a county's search intersects as before. The orders of a status or a scope
/// are sorted lists, not sets: within a partition each holds a few thousand entries at national scale, so a put moves
/// a few kilobytes of references, and a restore fills them in name order without sorting them again. Memory: two or
/// three more references per entry (20-40 MB at 900,000 organizations, with the lists' spare capacity).
/// </para>
/// Pure; not thread-safe (one grain activation owns it).
/// </summary>
public sealed class OrganizationPartition
{
    private readonly PostingIndex<OrganizationIndexEntry> index = new(OrganizationIndex.Terms);
    private SortedSet<OrganizationIndexEntry> byName = new(OrganizationIndex.NameOrder);
    private readonly Dictionary<Facets, int> counts = [];
    private readonly Dictionary<OrganizationStatus, List<OrganizationIndexEntry>> byStatus = [];
    private readonly Dictionary<string, List<OrganizationIndexEntry>> byScope = new(StringComparer.Ordinal);

    /// <summary>The posting index, for the partition's snapshot image (<see cref="OrganizationIndexSnapshot"/>) only:
    /// a change made through it would not reach the orders and counters.</summary>
    internal PostingIndex<OrganizationIndexEntry> Index => index;

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
            Facet(previous, -1);
        }

        byName.Add(entry);
        Facet(entry, 1);
        return true;
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        index.Clear();
        byName.Clear();
        counts.Clear();
        byStatus.Clear();
        byScope.Clear();
    }

    /// <summary>
    /// Replaces every entry with those of a snapshot (<see cref="OrganizationIndexSnapshot"/>): the documents and
    /// posting lists restored as given (<see cref="PostingIndex{TDoc}.TryRestore"/>, no terms computed), the name
    /// order and the status and scope orders built from one sort of the entries, the counters counted. False (the
    /// partition left empty) when the postings do not fit the documents.
    /// </summary>
    // Runs once per partition at a start, over tens of thousands of entries: compiled optimized at once, not first
    // run unoptimized (the loop would wait for on-stack replacement).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryRestore(IReadOnlyList<(string Key, long Revision, OrganizationIndexEntry Doc)> documents,
        IEnumerable<KeyValuePair<string, List<int>>> postings)
    {
        Clear();
        if (!index.TryRestore(documents, postings, out _))
        {
            return false;
        }

        var all = new OrganizationIndexEntry[documents.Count];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = documents[i].Doc;
        }

        // The set sorts what it is made from (whatever its order) and links the sorted entries in linear time: the one
        // sort of the restore, its orders of statuses and scopes then filled in name order from it.
        byName = new SortedSet<OrganizationIndexEntry>(all, OrganizationIndex.NameOrder);
        var ofStatus = new Dictionary<OrganizationStatus, List<OrganizationIndexEntry>>();
        var ofScope = new Dictionary<string, List<OrganizationIndexEntry>>(StringComparer.Ordinal);
        // An office's scopes are cut once, not per entry, and offices with the same scopes (a prefecture's counties)
        // share one array, so the counters are moved once per kind, status and those scopes (a few thousand at most),
        // not twelve times per entry or per office.
        var scopesOf = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var sameScopes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var held = new Dictionary<(OrganizationKind Kind, OrganizationStatus Status, string[] Scopes), int>();
        foreach (var entry in byName)
        {
            if (!scopesOf.TryGetValue(entry.RegisteringOffice, out var scopes))
            {
                var kept = KeptScopes(entry.RegisteringOffice).ToArray();
                var shared = string.Join('/', kept);
                if (!sameScopes.TryGetValue(shared, out scopes))
                {
                    sameScopes[shared] = scopes = kept;
                }

                scopesOf[entry.RegisteringOffice] = scopes;
            }

            foreach (var scope in scopes)
            {
                ListOf(ofScope, scope).Add(entry);
            }

            if (entry.Status != OrganizationStatus.Active)
            {
                ListOf(ofStatus, entry.Status).Add(entry);
            }

            // The arrays are shared, so the key's array compares by reference.
            CollectionsMarshal.GetValueRefOrAddDefault(held, (entry.Kind, entry.Status, scopes), out _)++;
        }

        foreach (var ((kind, status, scopes), count) in held)
        {
            Tally(kind, status, scopes, count);
        }

        // Filled in name order: they are the orders as they are.
        foreach (var (status, entries) in ofStatus)
        {
            byStatus[status] = entries;
        }

        foreach (var (scope, entries) in ofScope)
        {
            byScope[scope] = entries;
        }

        return true;
    }

    private static List<OrganizationIndexEntry> ListOf<TKey>(Dictionary<TKey, List<OrganizationIndexEntry>> lists, TKey key)
        where TKey : notnull
    {
        if (!lists.TryGetValue(key, out var list))
        {
            lists[key] = list = [];
        }

        return list;
    }

    /// <summary>A filter search's combination: a kind or any, a status or any, an office scope or any.</summary>
    private readonly record struct Facets(OrganizationKind? Kind, OrganizationStatus? Status, string? Scope);

    /// <summary>The scopes of an entry's office that are counted and ordered: all but a six-digit county.</summary>
    private static IEnumerable<string> KeptScopes(string office) =>
        OrganizationIndex.Scopes(office).Where(scope => scope.Length != 6);

    /// <summary>Adds (+1) or removes (-1) the entry from its counters and its status and scope orders.</summary>
    private void Facet(OrganizationIndexEntry entry, int delta)
    {
        Tally(entry, delta);
        foreach (var scope in KeptScopes(entry.RegisteringOffice))
        {
            Order(byScope, scope, entry, delta);
        }

        // Active organizations are most of a register: their order would be the name order less a few, so a search
        // for them reads the name order (or its office's) instead, and the partition keeps a place fewer per entry.
        if (entry.Status != OrganizationStatus.Active)
        {
            Order(byStatus, entry.Status, entry, delta);
        }
    }

    /// <summary>Adds (+1) or removes (-1) the entry from the counters of its combinations.</summary>
    private void Tally(OrganizationIndexEntry entry, int delta) =>
        Tally(entry.Kind, entry.Status, KeptScopes(entry.RegisteringOffice), delta);

    /// <summary>Moves by <paramref name="delta"/> the counters of every combination of an entry of that kind, status
    /// and kept scopes.</summary>
    private void Tally(OrganizationKind entryKind, OrganizationStatus entryStatus, IEnumerable<string> scopes, int delta)
    {
        foreach (var scope in scopes.Append<string?>(null))
        {
            foreach (var kind in new OrganizationKind?[] { entryKind, null })
            {
                foreach (var status in new OrganizationStatus?[] { entryStatus, null })
                {
                    var key = new Facets(kind, status, scope);
                    var count = counts.GetValueOrDefault(key) + delta;
                    if (count == 0)
                    {
                        counts.Remove(key);
                    }
                    else
                    {
                        counts[key] = count;
                    }
                }
            }
        }
    }

    /// <summary>Inserts the entry at its place in the key's name order (+1), or takes it out (-1).</summary>
    private static void Order<TKey>(Dictionary<TKey, List<OrganizationIndexEntry>> orders, TKey key,
        OrganizationIndexEntry entry, int delta)
        where TKey : notnull
    {
        if (delta > 0)
        {
            if (!orders.TryGetValue(key, out var order))
            {
                orders[key] = order = [];
            }

            var at = order.BinarySearch(entry, OrganizationIndex.NameOrder);
            if (at < 0)
            {
                order.Insert(~at, entry);
            }
        }
        else if (orders.TryGetValue(key, out var order))
        {
            var at = order.BinarySearch(entry, OrganizationIndex.NameOrder);
            if (at >= 0)
            {
                order.RemoveAt(at);
                if (order.Count == 0)
                {
                    orders.Remove(key);
                }
            }
        }
    }

    /// <summary>
    /// A filter search (kind, status, office scope above the county; nothing else) from the counters and orders, or
    /// null when the query is not one or its matches are so sparse in the shortest order that intersecting and
    /// ordering them costs less than reading it (the caller then intersects).
    /// </summary>
    private OrganizationPage? FilterSearch(OrganizationQuery query, string? fragment, string? representative, int wanted)
    {
        var scope = query.RegisteringOffice is { } office ? OrganizationIndex.ScopePrefix(office) : null;
        if (fragment is not null || !string.IsNullOrEmpty(representative) || query.List is not null
            || query.Uscc is not null || scope is { Length: 6 })
        {
            return null;
        }

        var total = counts.GetValueOrDefault(new Facets(query.Kind, query.Status, scope));
        if (total == 0 || wanted == 0)
        {
            return new OrganizationPage(total, []);
        }

        IReadOnlyCollection<OrganizationIndexEntry> source = byName;
        if (query.Status is { } status && byStatus.TryGetValue(status, out var ofStatus) && ofStatus.Count < source.Count)
        {
            source = ofStatus;
        }

        if (scope is not null && byScope.TryGetValue(scope, out var ofScope) && ofScope.Count < source.Count)
        {
            source = ofScope;
        }

        // Reading the order costs about wanted x source / total entries; intersecting (from a list no longer than
        // the source) and ordering the matches about source + total.
        if ((long)wanted * source.Count > (long)total * (source.Count + total))
        {
            return null;
        }

        return new OrganizationPage(total, source
            .Where(e => OrganizationIndex.Matches(e, query, null, null))
            .Take(wanted)
            .ToList());
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

        if (FilterSearch(query, fragment, representative, wanted) is { } filtered)
        {
            return filtered;
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
