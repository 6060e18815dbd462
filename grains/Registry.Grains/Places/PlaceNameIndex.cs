using Registry.Abstractions.Places;
using Registry.Grains.Indexing;

namespace Registry.Grains.Places;

/// <summary>
/// How the place-name index is partitioned, stored, matched and ranked. A record lives in partition
/// <see cref="PartitionOf"/> = FNV-1a hash of its id mod <see cref="PartitionCount"/>: stable, and spreading any one
/// city, category or popular name evenly, so no partition is a write hot spot; within the partition its entry is
/// stored in piece <see cref="PieceOf"/> (the next bits of the same hash), so one write rewrites about
/// 1/(16 x 256) of the names. A partition answers from posting lists (<see cref="Terms"/>, <see cref="QueryTerms"/>:
/// the characters and bigrams of every name and spelling, current, former and alias, plus category, status and
/// division at each level) and confirms each candidate with <see cref="Matches"/> and <see cref="Score"/>; a search
/// asks every partition (a fixed, small fan-out) and merges by <see cref="Order"/>. Changing a count or what an
/// entry holds (<see cref="EntryVersion"/>) changes what is stored: a partition whose checkpoint does not match
/// builds once from the records. Pure.
/// </summary>
public static class PlaceNameIndex
{
    public const int PartitionCount = 16;

    /// <summary>Stored pieces per partition: at some 830,000 names about 200 entries per piece.</summary>
    public const int PieceCount = 256;

    /// <summary>The shape of the stored entries; raised when it changes (2: search texts drop punctuation and fold
    /// compatibility forms, <see cref="PlaceNameViews.SearchText"/>). The stored pieces hold entries, not terms: a
    /// change of <see cref="Terms"/> alone raises <see cref="PlaceNameIndexSnapshot.Format"/>, so the snapshots, which
    /// hold posting lists, are not read and the terms are computed again from the pieces.</summary>
    public const int EntryVersion = 2;

    private const string TextField = "t:";
    private const string CategoryField = "c:";
    private const string StatusField = "s:";
    private const string DivisionField = "d:";

    /// <summary>Code lengths at which a division has a term: province, prefecture, county (GB/T 2260), township
    /// (9 digits) and village (12 digits).</summary>
    private static readonly int[] DivisionLevels = [2, 4, 6, 9, 12];

    public static int PartitionOf(string id) => (int)(Hash(id) % PartitionCount);

    /// <summary>The stored piece of <paramref name="id"/> within its partition.</summary>
    public static int PieceOf(string id) => (int)(Hash(id) / PartitionCount % PieceCount);

    /// <summary>
    /// The order of an entry's versions: a newer revision, or the same revision computed after the day its old
    /// entry had to be computed again (<see cref="PlaceNameIndexEntry.RefreshOn"/>; none = final for the revision).
    /// </summary>
    public static long VersionOf(PlaceNameIndexEntry entry) =>
        (entry.Revision << 22) | (uint)(entry.RefreshOn?.DayNumber ?? (1 << 22) - 1); // DateOnly.MaxValue < 2^22 days

    /// <summary>Every name and spelling of the entry, normalised, that a search text is matched against.</summary>
    public static IEnumerable<string> Texts(PlaceNameIndexEntry entry)
    {
        yield return entry.SearchName;
        yield return entry.SearchSpelling;
        foreach (var other in entry.OtherNames)
        {
            yield return other.SearchName;
            yield return other.SearchSpelling;
        }
    }

    /// <summary>The posting terms of an entry.</summary>
    public static IEnumerable<string> Terms(PlaceNameIndexEntry entry)
    {
        foreach (var gram in Texts(entry)
                     .SelectMany(text => TextGrams.OfText(TextField, text, latinTrigrams: true).Concat(LatinQuadgrams(text)))
                     .Distinct(StringComparer.Ordinal))
        {
            yield return gram;
        }

        yield return CategoryField + entry.Category;
        yield return StatusField + entry.Status;
        foreach (var length in DivisionLevels.Where(l => l <= entry.DivisionCode.Length))
        {
            yield return DivisionField + entry.DivisionCode[..length];
        }
    }

    /// <summary>
    /// The terms every entry matching the query has (texts normalised once by the caller with
    /// <see cref="Normalized"/>). A candidate with all of them may still not match: confirm with
    /// <see cref="Matches"/>.
    /// </summary>
    public static IReadOnlyCollection<string> QueryTerms(PlaceNameQuery query, string? text, string? spelling)
    {
        var terms = new List<string>();
        if (text is not null)
        {
            terms.AddRange(FragmentTerms(text));
        }

        if (spelling is not null)
        {
            terms.AddRange(FragmentTerms(spelling));
        }

        if (query.Category is { } category)
        {
            terms.Add(CategoryField + category);
        }

        if (query.AnnouncedSince is not null)
        {
            terms.Add(StatusField + PlaceNameStatus.Announced);
        }

        if (query.DivisionPrefix is { } prefix && DivisionLevels.Contains(prefix.Length))
        {
            terms.Add(DivisionField + prefix);
        }

        return terms;
    }

    /// <summary>
    /// Whether every entry holding the query's terms has a name or spelling containing <paramref name="text"/> (the
    /// text is looked up as one term of <see cref="Terms"/> (a character, a pair, three or four Latin letters), which
    /// are made from the very texts <see cref="Score"/> reads, and there is no spelling filter): a candidate is then a match once it passes the filters, and only how
    /// closely it matched is left to read.
    /// </summary>
    public static bool TermsConfirmText(string? text, string? spelling) =>
        text is not null && spelling is null
        && (TextGrams.IsOneTerm(text, latinTrigrams: true) || (text.Length == QuadgramLength && IsLatin(text)));

    /// <summary>Runs of Latin letters or digits this long are terms too (<see cref="LatinQuadgrams"/>).</summary>
    private const int QuadgramLength = 4;

    /// <summary>
    /// The terms of a normalised fragment: a fragment of Latin letters or digits only, four or longer, by its runs of
    /// four (<see cref="LatinQuadgrams"/>), else its characters, pairs and trigrams (<see cref="TextGrams.OfFragment"/>).
    /// A four-letter fragment such as the beginning of a pinyin name ("huan", in some 67,000 of the national names) is
    /// then one term, whose list holds exactly the texts containing it: a search counts the matches that cannot enter
    /// the page from their rank alone instead of searching each one's texts, as its two trigrams ("hua", "uan") made
    /// it do. A longer one intersects lists of fours, each shorter than its trigrams' lists.
    /// </summary>
    private static IEnumerable<string> FragmentTerms(string fragment) =>
        fragment.Length >= QuadgramLength && IsLatin(fragment)
            ? LatinQuadgrams(fragment).Distinct(StringComparer.Ordinal)
            : TextGrams.OfFragment(TextField, fragment, latinTrigrams: true);

    /// <summary>Every run of <see cref="QuadgramLength"/> Latin letters or digits in the text, as a term: a text
    /// contains a Latin fragment of four or more only if it has each of the fragment's runs of four.</summary>
    private static IEnumerable<string> LatinQuadgrams(string text)
    {
        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            run = char.IsAsciiLetterOrDigit(text[i]) ? run + 1 : 0;
            if (run >= QuadgramLength)
            {
                yield return string.Concat(TextField, text.AsSpan(i + 1 - QuadgramLength, QuadgramLength));
            }
        }
    }

    private static bool IsLatin(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A query text normalised like the stored names (<see cref="PlaceNameViews.SearchText"/>), or null when
    /// it has none.</summary>
    public static string? Normalized(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalized = PlaceNameViews.SearchText(text.Trim());
        return normalized.Length == 0 ? null : normalized;
    }

    /// <summary>
    /// Whether the entry passes every filter of the query except the text, the box and the point:
    /// <paramref name="spelling"/> (normalised) must occur in the spelling in force.
    /// </summary>
    public static bool Matches(PlaceNameIndexEntry e, PlaceNameQuery q, string? spelling) =>
        PassesStatusAndCategory(e.Status, e.Category, q) && PassesOthers(e, q, spelling);

    /// <summary>The filters of <see cref="Matches"/> that read only the status and the category.</summary>
    public static bool PassesStatusAndCategory(PlaceNameStatus status, PlaceCategory category, PlaceNameQuery q) =>
        (!q.PublicOnly || PlaceNameIndexEntry.IsPublicStatus(status))
        && (q.IncludeHistorical || status is not (PlaceNameStatus.Abolished or PlaceNameStatus.Rejected))
        && (q.AnnouncedSince is null || status == PlaceNameStatus.Announced)
        && (q.Category is not { } wanted || category == wanted);

    /// <summary>The filters of <see cref="Matches"/> beyond <see cref="PassesStatusAndCategory"/>; reads the entry only
    /// for a filter the query has.</summary>
    public static bool PassesOthers(PlaceNameIndexEntry e, PlaceNameQuery q, string? spelling) =>
        (q.AnnouncedSince is not { } since || !(e.AnnouncedOn < since))
        && (q.DivisionPrefix is not { } prefix || e.DivisionCode.StartsWith(prefix, StringComparison.Ordinal))
        && (spelling is null || e.SearchSpelling.Contains(spelling, StringComparison.Ordinal));

    /// <summary>Whether <see cref="PassesOthers"/> reads the entry for this query (it has one of those filters).</summary>
    public static bool FiltersReadEntry(PlaceNameQuery q, string? spelling) =>
        q.AnnouncedSince is not null || q.DivisionPrefix is not null || spelling is not null;

    /// <summary>
    /// The best of the entry's names for the normalised search <paramref name="text"/>: the closest match (the whole
    /// name, its beginning, a fragment), and among equally close ones the name in force before an alias before a
    /// former name, named by its place (<see cref="NameAt"/>). A name matches by its characters or its spelling
    /// (which, normalised, has no tones, spaces or apostrophes). <see cref="TextScore.Found"/> is false when no name
    /// contains the text.
    /// </summary>
    public static TextScore Score(PlaceNameIndexEntry entry, string text)
    {
        var best = TextScore.None;
        Consider(ref best, 0, PlaceNameMatchKind.Current, entry.SearchName, entry.SearchSpelling, text);
        for (var i = 0; i < entry.OtherNames.Count; i++)
        {
            var other = entry.OtherNames[i];
            Consider(ref best, i + 1, other.Kind, other.SearchName, other.SearchSpelling, text);
        }

        return best;
    }

    /// <summary>The entry's name at a place <see cref="Score"/> names: 0 the name in force, then its
    /// <see cref="PlaceNameIndexEntry.OtherNames"/> in order.</summary>
    public static string NameAt(PlaceNameIndexEntry entry, int name) =>
        name == 0 ? entry.Name : entry.OtherNames[name - 1].Name;

    /// <summary>
    /// Keeps in <paramref name="best"/> the closer of it and the name at <paramref name="name"/> (by its search
    /// text or its spelling; an empty spelling is none), the kind breaking ties: the one rule of which name a text
    /// matched, for the entries and for the searcher's packed copy of their texts.
    /// </summary>
    public static void Consider(ref TextScore best, int name, PlaceNameMatchKind kind, ReadOnlySpan<char> searchName,
        ReadOnlySpan<char> searchSpelling, ReadOnlySpan<char> text)
    {
        var quality = Quality(searchName, text);
        if (quality > 0 && !searchSpelling.SequenceEqual(searchName))
        {
            quality = Math.Min(quality, Quality(searchSpelling, text));
        }

        if (quality < NoMatch && (quality, kind).CompareTo((best.Quality, best.Kind)) < 0)
        {
            best = new TextScore(name, kind, quality);
        }
    }

    /// <summary>Which name a text matched (by its place, see <see cref="NameAt"/>), of what kind, and how closely:
    /// 0 the whole name, 1 its beginning, 2 a fragment; <see cref="None"/> when none did.</summary>
    public readonly record struct TextScore(int Name, PlaceNameMatchKind Kind, int Quality)
    {
        public static TextScore None => new(-1, (PlaceNameMatchKind)int.MaxValue, NoMatch);

        public bool Found => Quality < NoMatch;
    }

    private const int NoMatch = 3;

    /// <summary>The quality of a match inside a name, neither the whole name nor its beginning.</summary>
    public const int FragmentQuality = 2;

    private static int Quality(ReadOnlySpan<char> searchable, ReadOnlySpan<char> text)
    {
        var at = searchable.IsEmpty ? -1 : searchable.IndexOf(text);
        return at < 0 ? NoMatch : at > 0 ? FragmentQuality : searchable.Length == text.Length ? 0 : 1;
    }

    /// <summary>
    /// How prominent a place is, smaller first: administrative divisions by level (province 1, prefecture 2, county
    /// 3, township 4, from the length and trailing zeros of the division code they name), then the other
    /// categories from the largest kind of place to the smallest: natural features, parks, village seats,
    /// residential areas (also the populated places of a gazetteer), streets, facilities, landmarks.
    /// </summary>
    public static int Prominence(PlaceNameIndexEntry entry) => entry.Category switch
    {
        PlaceCategory.AdministrativeDivision => DivisionLevel(entry.DivisionCode),
        PlaceCategory.NaturalFeature => 6,
        PlaceCategory.Park => 7,
        PlaceCategory.VillageSeat => 8,
        PlaceCategory.ResidentialArea => 9,
        PlaceCategory.Street => 10,
        PlaceCategory.Facility => 11,
        _ => 12,
    };

    private static int DivisionLevel(string code) => code.Length switch
    {
        6 when code.EndsWith("0000", StringComparison.Ordinal) => 1,
        6 when code.EndsWith("00", StringComparison.Ordinal) => 2,
        6 => 3,
        9 => 4,
        _ => 5,
    };

    /// <summary>
    /// Nearest queries by distance; the announcement feed newest first; a text search by closeness of the match
    /// (whole name, beginning, fragment), then the name in force before an alias before a former name, then the more
    /// prominent place (<see cref="Prominence"/>), then by name; without a text by prominence, then name. Ties by id,
    /// so paging is stable.
    /// </summary>
    public static IComparer<PlaceNameCandidate> CandidateOrder(PlaceNameQuery q) =>
        q.Near is not null ? ByDistance
        : q.AnnouncedSince is not null ? ByAnnouncement
        : ByMatch;

    /// <summary>Whether the query's order is the order by match (<see cref="RankKey"/> applies).</summary>
    public static bool RanksByMatch(PlaceNameQuery q) => ReferenceEquals(CandidateOrder(q), ByMatch);

    /// <summary>
    /// The first three keys of the order by match as one number (closeness, kind, prominence; no text ranks first,
    /// as a null does): a candidate whose number is greater than another's ranks after it whatever their names, so
    /// a search can refuse it without reading its entry. The order by match itself stays the rule.
    /// </summary>
    public static int RankKey(TextScore? score, int prominence) =>
        score is { } s ? ((s.Quality + 1) << 16) | (((int)s.Kind + 1) << 8) | prominence : prominence;

    /// <summary>The same order (<see cref="CandidateOrder"/>) over hits, e.g. to merge partitions' pages.</summary>
    public static IComparer<PlaceNameHit> Order(PlaceNameQuery q)
    {
        var order = CandidateOrder(q);
        return Comparer<PlaceNameHit>.Create((a, b) =>
            order.Compare(PlaceNameCandidate.Of(a), PlaceNameCandidate.Of(b)));
    }

    private static readonly IComparer<PlaceNameCandidate> ByDistance = Comparer<PlaceNameCandidate>.Create((a, b) =>
        Then(Nullable.Compare(a.DistanceMeters, b.DistanceMeters), a, b));

    private static readonly IComparer<PlaceNameCandidate> ByAnnouncement = Comparer<PlaceNameCandidate>.Create((a, b) =>
        Then(Nullable.Compare(b.Entry.AnnouncedOn, a.Entry.AnnouncedOn), a, b));

    private static readonly IComparer<PlaceNameCandidate> ByMatch = Comparer<PlaceNameCandidate>.Create((a, b) =>
    {
        var order = Nullable.Compare(a.MatchQuality, b.MatchQuality);
        if (order == 0)
        {
            order = Nullable.Compare(a.MatchKind, b.MatchKind);
        }

        if (order == 0)
        {
            order = a.Prominence.CompareTo(b.Prominence);
        }

        if (order == 0)
        {
            order = a.NameKey.CompareTo(b.NameKey);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(a.Entry.SearchName, b.Entry.SearchName);
        }

        return Then(order, a, b);
    });

    /// <summary>
    /// The first eight UTF-16 units of <paramref name="searchName"/> as one number, the first in the highest bits and
    /// a missing one as zero: when two keys differ, they order the names as <see cref="string.CompareOrdinal(string,
    /// string)"/> does (a name that ends first is a prefix of the other, and sorts first), so the order by match
    /// compares names in full only when their keys are equal. A search reads the key from its packed columns: a broad
    /// fragment's thousands of candidates tied with a full page's last no longer each read an entry and its name (eight
    /// units, not four: the best matches of a four-letter fragment begin with it).
    /// </summary>
    public static UInt128 NameKey(string searchName)
    {
        UInt128 key = 0;
        for (var i = 0; i < 8; i++)
        {
            key = (key << 16) | (i < searchName.Length ? searchName[i] : 0u);
        }

        return key;
    }

    private static int Then(int order, in PlaceNameCandidate a, in PlaceNameCandidate b) =>
        order != 0 ? order : string.CompareOrdinal(a.Entry.Id, b.Entry.Id);

    /// <summary>
    /// Whether the entry is a match of the query (texts normalised once by the caller with <see cref="Normalized"/>;
    /// the box and the point are the caller's): it passes the filters (<see cref="Matches"/>) and, with a text, one
    /// of its names contains it (<see cref="Score"/>). The candidate says how it matched, as a value, so confirming
    /// the many candidates of a search allocates nothing.
    /// </summary>
    public static bool TryCandidate(PlaceNameIndexEntry entry, PlaceNameQuery query, string? text, string? spelling,
        double? distance, out PlaceNameCandidate candidate)
    {
        candidate = default;
        if (!Matches(entry, query, spelling))
        {
            return false;
        }

        var score = text is null ? (TextScore?)null : Score(entry, text);
        if (score is { Found: false })
        {
            return false;
        }

        candidate = new PlaceNameCandidate(entry, distance, score, Prominence(entry), NameKey(entry.SearchName));
        return true;
    }

    /// <summary>Whether the box (possibly crossing the antimeridian) intersects the entry's envelope.</summary>
    public static bool InBox(PlaceNameIndexEntry e, BoundingBox box)
    {
        if (e.MaxY < box.MinY || e.MinY > box.MaxY)
        {
            return false;
        }

        return box.MinX <= box.MaxX
            ? e.MaxX >= box.MinX && e.MinX <= box.MaxX
            : e.MaxX >= box.MinX || e.MinX <= box.MaxX;
    }

    private static uint Hash(string id)
    {
        var hash = 2166136261u;
        foreach (var c in id)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
