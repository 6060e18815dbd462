using Registry.Abstractions.Organizations;
using Registry.Grains.Indexing;

namespace Registry.Grains.Organizations;

/// <summary>
/// How the search index is partitioned, stored and queried. An organization lives in partition
/// <see cref="PartitionOf"/> = FNV-1a hash of its USCC mod <see cref="PartitionCount"/>: stable across processes
/// and renames, and spreading registrations of one office or one popular name evenly, so no partition is a hot spot
/// for writes. Within its partition the entry is stored in piece <see cref="PieceOf(string)"/> (the next bits of the same
/// hash, mod <see cref="PieceCount"/>), so one write rewrites about 1/(32 x 2,048) of the register. A partition
/// answers from posting lists (<see cref="Terms"/>, <see cref="QueryTerms"/>) and confirms each candidate with
/// <see cref="Matches"/> (see <see cref="OrganizationPartition"/>); a search asks every partition (a fixed, small fan-out) and merges. Changing either count
/// changes where entries are stored: the partition's checkpoint records the piece count, and a partition whose
/// checkpoint names an older piece count moves its stored entries to the current layout once (a partition without a
/// checkpoint builds from the records). Pure.
/// </summary>
public static class OrganizationIndex
{
    public const int PartitionCount = 32;

    /// <summary>
    /// Stored pieces per partition: at 900,000 organizations about 14 entries (some 3 KB of JSON) per piece. Every
    /// upsert rewrites its piece, so the piece's size is what each registration, filing and imported row pays: at 512
    /// pieces (about 55 entries, 12 KB) serialising and compressing the piece was the largest single cost of a
    /// registration at the national size after the record's own write; 128 pieces (50 KB) made a national import slow
    /// down as it went. Loading a partition reads all its pieces in one key-range read where the storage can (SQLite,
    /// PostgreSQL), else each by key. A partition stored in 512 pieces (before 2026-12-05) moves its entries to this
    /// layout at its first activation, from its own pieces (see <see cref="OrganizationIndexGrain"/>).
    /// </summary>
    public const int PieceCount = 2_048;

    private const string NameField = "n:";
    private const string RepresentativeField = "r:";
    private const string KindField = "k:";
    private const string StatusField = "s:";
    private const string OfficeField = "o:";
    private const string ListField = "l:";

    public static int PartitionOf(string uscc) => (int)(Hash(uscc) % PartitionCount);

    /// <summary>The largest piece count of the layouts stored before 2026-12-05 (128, then 512), whose pieces all have
    /// the plain piece type.</summary>
    public const int FirstPieceCount = 512;

    /// <summary>The grain type of the stored pieces of a layout of <paramref name="pieceCount"/> pieces: each layout
    /// since 2,048 its own ids, so a partition moving between layouts never overwrites a piece of the one it reads;
    /// the layouts before it (128 and 512 pieces, never both stored for one partition) have the plain type.</summary>
    public static string PieceTypeOf(int pieceCount) => pieceCount <= FirstPieceCount
        ? StorageNames.OrganizationIndexPiece
        : $"{StorageNames.OrganizationIndexPiece}-{pieceCount.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The stored piece of <paramref name="uscc"/> within its partition.</summary>
    public static int PieceOf(string uscc) => PieceOf(uscc, PieceCount);

    /// <summary>The stored piece of <paramref name="uscc"/> within its partition, in a layout of
    /// <paramref name="pieceCount"/> pieces.</summary>
    public static int PieceOf(string uscc, int pieceCount) => (int)(Hash(uscc) / PartitionCount % (uint)pieceCount);

    /// <summary>
    /// The posting terms of an entry: the characters and bigrams of its normalised name and legal representative,
    /// its kind and status, its office at each level of the GB/T 2260 hierarchy (so an office's search includes the
    /// offices below it), and the lists it is actively on.
    /// </summary>
    public static IEnumerable<string> Terms(OrganizationIndexEntry entry)
    {
        foreach (var gram in TextGrams.OfText(NameField, entry.SearchName))
        {
            yield return gram;
        }

        foreach (var gram in TextGrams.OfText(RepresentativeField, entry.SearchLegalRepresentative))
        {
            yield return gram;
        }

        yield return KindField + entry.Kind;
        yield return StatusField + entry.Status;
        foreach (var scope in Scopes(entry.RegisteringOffice))
        {
            yield return OfficeField + scope;
        }

        foreach (var listing in entry.Listings)
        {
            yield return ListField + listing.List;
        }
    }

    /// <summary>
    /// The scopes an office is found under (a query's <see cref="ScopePrefix"/> names one): its province and
    /// prefecture prefixes and itself for a six-digit code, itself otherwise.
    /// </summary>
    public static IEnumerable<string> Scopes(string office)
    {
        if (office.Length == 6)
        {
            yield return office[..2];
            yield return office[..4];
        }

        yield return office;
    }

    /// <summary>
    /// The terms every entry matching the query has (the query's fragments normalised once by the caller). A
    /// candidate with all of them may still not match (its bigrams can lie apart in the name): confirm with
    /// <see cref="Matches"/>. A code is looked up by key, not by term.
    /// </summary>
    public static IReadOnlyCollection<string> QueryTerms(OrganizationQuery query, string? normalizedFragment,
        string? normalizedRepresentative)
    {
        var terms = new List<string>();
        if (normalizedFragment is not null)
        {
            terms.AddRange(TextGrams.OfFragment(NameField, normalizedFragment));
        }

        if (!string.IsNullOrEmpty(normalizedRepresentative))
        {
            terms.AddRange(TextGrams.OfFragment(RepresentativeField, normalizedRepresentative));
        }

        if (query.Kind is { } kind)
        {
            terms.Add(KindField + kind);
        }

        if (query.Status is { } status)
        {
            terms.Add(StatusField + status);
        }

        if (query.RegisteringOffice is { } office)
        {
            terms.Add(OfficeField + ScopePrefix(office));
        }

        if (query.List is { } list)
        {
            terms.Add(ListField + list);
        }

        return terms;
    }

    private static uint Hash(string uscc)
    {
        var hash = 2166136261u;
        foreach (var c in uscc)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
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
    public static bool IsWithin(string office, string scope) =>
        office.StartsWith(ScopePrefix(scope), StringComparison.Ordinal);

    /// <summary>The code prefix every office within <paramref name="scope"/> starts with (the office term a query
    /// for <paramref name="scope"/> asks for).</summary>
    public static string ScopePrefix(string scope) =>
        scope.Length != 6 ? scope
        : scope.EndsWith("0000", StringComparison.Ordinal) ? scope[..2]
        : scope.EndsWith("00", StringComparison.Ordinal) ? scope[..4]
        : scope;

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


    /// <summary>
    /// The page of <paramref name="query"/> from the partitions' pages (each the partition's total and its first
    /// <c>Skip + Take</c> matches in the query's order): the sum of the totals and a k-way merge that stops at the
    /// last entry wanted, so the cost is about <c>(Skip + Take) x log(partitions)</c> comparisons, not a sort of
    /// every item returned.
    /// </summary>
    public static OrganizationPage Merge(IReadOnlyList<OrganizationPage> pages, OrganizationQuery query)
    {
        var order = Order(query);
        var total = 0;
        var heads = new PriorityQueue<int, OrganizationIndexEntry>(pages.Count, order);
        foreach (var (page, at) in pages.Select((page, at) => (page, at)))
        {
            total += page.Total;
            if (page.Items.Count > 0)
            {
                heads.Enqueue(at, page.Items[0]);
            }
        }

        var next = new int[pages.Count];
        var items = new List<OrganizationIndexEntry>(Math.Max(0, query.Take));
        var skipped = 0;
        while (items.Count < query.Take && heads.TryDequeue(out var at, out var entry))
        {
            if (skipped < query.Skip)
            {
                skipped++;
            }
            else
            {
                items.Add(entry);
            }

            var following = ++next[at];
            if (following < pages[at].Items.Count)
            {
                heads.Enqueue(at, pages[at].Items[following]);
            }
        }

        return new OrganizationPage(total, items);
    }

    /// <summary>List queries: newest listing first; others: by name. Ties by code, so paging is stable.</summary>
    public static IComparer<OrganizationIndexEntry> Order(OrganizationQuery query) =>
        query.List is { } list
            ? Comparer<OrganizationIndexEntry>.Create((a, b) =>
            {
                var byDate = Nullable.Compare(b.ListedSince(list), a.ListedSince(list));
                return byDate != 0 ? byDate : string.CompareOrdinal(a.Uscc, b.Uscc);
            })
            : NameOrder;

    /// <summary>The order of queries without a list: by normalised name, then code.</summary>
    public static IComparer<OrganizationIndexEntry> NameOrder { get; } = Comparer<OrganizationIndexEntry>.Create((a, b) =>
    {
        var byName = string.CompareOrdinal(a.SearchName, b.SearchName);
        return byName != 0 ? byName : string.CompareOrdinal(a.Uscc, b.Uscc);
    });
}
