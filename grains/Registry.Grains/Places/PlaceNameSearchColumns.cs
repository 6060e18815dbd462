using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>
/// What a text search reads of each candidate, packed by the index's local id (<see cref="PlaceNameSearcher"/>):
/// status, category and prominence in byte arrays, and the search texts of every name (in force, aliases, former;
/// each with its spelling) one after another in one character array. A search confirms hundreds of candidates per
/// query; read from the entries, each costs several cache misses (the entry, each of its strings, its list of other
/// names), which made them most of a name search's time; read from here, candidates in ascending id order read
/// ascending memory. An entry's texts are appended when it changes, the old ones left as garbage until they are half
/// of the array, when <see cref="Wasteful"/> asks the owner to copy the live ones again. Pure; not thread-safe.
/// </summary>
internal sealed class PlaceNameSearchColumns
{
    /// <summary>A spelling the same as its name, stored once (the length slot says so).</summary>
    private const char Same = '\uFFFF';

    /// <summary>Texts longer than this are not packed: the entry is read instead.</summary>
    private const int MaxPacked = Same - 1;

    private char[] texts = new char[4_096];
    private int used;
    private int garbage;
    private int[] start = [];
    private byte[] status = [];
    private byte[] category = [];
    private byte[] prominence = [];

    /// <summary>By id, how its name in force sorts (<see cref="PlaceNameIndex.NameKey"/>).</summary>
    private UInt128[] nameKeys = [];

    /// <summary>By id, a signature of how the entry's names and spellings begin (<see cref="Beginnings"/>).</summary>
    private ulong[] beginnings = [];

    /// <summary>By id, a bit for each length of its names and spellings (<see cref="LengthBit"/>).</summary>
    private byte[] lengths = [];

    /// <summary>More than half the text array is texts of replaced versions.</summary>
    public bool Wasteful => garbage > 1 << 16 && garbage > used / 2;

    public void Clear()
    {
        used = 0;
        garbage = 0;
        Array.Fill(start, -1);
    }

    /// <summary>Packs the entry under its local id, replacing what the id held.</summary>
    public void Set(int id, PlaceNameIndexEntry entry)
    {
        if (id >= start.Length)
        {
            var size = Math.Max(id + 1, start.Length * 2);
            var old = start.Length;
            Array.Resize(ref start, size);
            Array.Fill(start, -1, old, size - old);
            Array.Resize(ref status, size);
            Array.Resize(ref category, size);
            Array.Resize(ref prominence, size);
            Array.Resize(ref nameKeys, size);
            Array.Resize(ref beginnings, size);
            Array.Resize(ref lengths, size);
        }

        if (start[id] >= 0)
        {
            garbage += BlockLength(start[id]);
        }

        status[id] = (byte)entry.Status;
        category[id] = (byte)entry.Category;
        prominence[id] = (byte)PlaceNameIndex.Prominence(entry);
        nameKeys[id] = PlaceNameIndex.NameKey(entry.SearchName);
        beginnings[id] = Beginnings(entry);
        lengths[id] = Lengths(entry);
        start[id] = Pack(entry);
    }

    public PlaceNameStatus StatusOf(int id) => (PlaceNameStatus)status[id];

    public PlaceCategory CategoryOf(int id) => (PlaceCategory)category[id];

    public int ProminenceOf(int id) => prominence[id];

    public UInt128 NameKeyOf(int id) => nameKeys[id];

    /// <summary>
    /// How the normalised <paramref name="text"/> matches the names packed under the id
    /// (<see cref="PlaceNameIndex.Consider"/>, the same rule as for an entry); false when the entry's texts were too
    /// long to pack, so the caller must score the entry itself.
    /// </summary>
    public bool TryScore(int id, string text, out PlaceNameIndex.TextScore score)
    {
        score = PlaceNameIndex.TextScore.None;
        var at = start[id];
        if (at < 0)
        {
            return false;
        }

        var block = texts.AsSpan(at);
        int names = block[0];
        var position = 1;
        for (var name = 0; name < names; name++)
        {
            var kind = (PlaceNameMatchKind)block[position];
            int nameLength = block[position + 1];
            var searchName = block.Slice(position + 2, nameLength);
            position += 2 + nameLength;
            var spellingLength = block[position];
            ReadOnlySpan<char> spelling = spellingLength == Same ? searchName : block.Slice(position + 1, spellingLength);
            position += 1 + (spellingLength == Same ? 0 : spellingLength);
            PlaceNameIndex.Consider(ref score, name, kind, searchName, spelling, text);
        }

        return true;
    }

    /// <summary>
    /// A bound on how closely the normalised <paramref name="text"/> can match the names of the id (the quality of
    /// <see cref="PlaceNameIndex.Score"/>: 0 the whole name, 1 its beginning, else
    /// <see cref="PlaceNameIndex.FragmentQuality"/>), read from two numbers per entry instead of its texts: no name
    /// can begin with the text when none has the bit of its beginning, none can be the text when none has its length.
    /// </summary>
    public int ClosestBound(int id, string text) =>
        (beginnings[id] & Signature(text)) == 0 ? PlaceNameIndex.FragmentQuality
        : (lengths[id] & LengthBit(text.Length)) == 0 ? 1
        : 0;

    /// <summary>A bit for each length of the entry's names and spellings.</summary>
    private static byte Lengths(PlaceNameIndexEntry entry)
    {
        var bits = 0;
        foreach (var (searchName, searchSpelling, _) in Names(entry))
        {
            bits |= LengthBit(searchName.Length) | LengthBit(searchSpelling.Length);
        }

        return (byte)bits;
    }

    /// <summary>Lengths 1 to 7 a bit each, longer ones the eighth; none for an empty text.</summary>
    private static int LengthBit(int length) => length == 0 ? 0 : 1 << (Math.Min(length, 8) - 1);

    /// <summary>
    /// Of every name and spelling of the entry, a bit for its first character (among the low 32) and one for its first
    /// two (among the high 32): a text can begin only a name whose bit for the text's own beginning is set.
    /// </summary>
    private static ulong Beginnings(PlaceNameIndexEntry entry)
    {
        var bits = 0UL;
        foreach (var (searchName, searchSpelling, _) in Names(entry))
        {
            bits |= First(searchName) | First(searchSpelling) | Pair(searchName) | Pair(searchSpelling);
        }

        return bits;
    }

    /// <summary>The bit a name beginning with <paramref name="text"/> has set (its pair's when it is two characters or longer).</summary>
    private static ulong Signature(string text) => text.Length == 1 ? First(text) : Pair(text);

    private static ulong First(string text) => text.Length == 0 ? 0 : 1UL << (int)((text[0] * 2654435761u) >> 27);

    private static ulong Pair(string text) =>
        text.Length < 2 ? 0 : 1UL << (32 + (int)(((text[0] * 31u + text[1]) * 2654435761u) >> 27));

    /// <summary>
    /// The closest a match of the normalised <paramref name="text"/> with the names packed under the id can be, by
    /// comparing their beginnings only: 0 when a name or spelling is the text, 1 when one begins with it, else
    /// <see cref="PlaceNameIndex.FragmentQuality"/> (or no match at all, which the caller knows otherwise); null when
    /// the entry's texts were too long to pack. Cheaper than <see cref="TryScore"/>: no search through the texts.
    /// </summary>
    public int? ClosestPossible(int id, string text)
    {
        var at = start[id];
        if (at < 0)
        {
            return null;
        }

        var block = texts.AsSpan(at);
        int names = block[0];
        var position = 1;
        var closest = PlaceNameIndex.FragmentQuality;
        for (var name = 0; name < names; name++)
        {
            int nameLength = block[position + 1];
            closest = Math.Min(closest, Beginning(block.Slice(position + 2, nameLength), text));
            position += 2 + nameLength;
            var spellingLength = block[position];
            if (spellingLength != Same)
            {
                closest = Math.Min(closest, Beginning(block.Slice(position + 1, spellingLength), text));
            }

            position += 1 + (spellingLength == Same ? 0 : spellingLength);
        }

        return closest;
    }

    private static int Beginning(ReadOnlySpan<char> searchable, string text) =>
        !searchable.StartsWith(text) ? PlaceNameIndex.FragmentQuality : searchable.Length == text.Length ? 0 : 1;

    /// <summary>[names] then for each name [kind][length][search name][length or Same][spelling]; -1 when a text is
    /// too long or an entry has too many names to pack.</summary>
    private int Pack(PlaceNameIndexEntry entry)
    {
        var needed = 1;
        foreach (var (searchName, searchSpelling, _) in Names(entry))
        {
            if (searchName.Length > MaxPacked || searchSpelling.Length > MaxPacked)
            {
                return -1;
            }

            needed += 3 + searchName.Length + (Equals(searchName, searchSpelling) ? 0 : searchSpelling.Length);
        }

        if (entry.OtherNames.Count + 1 > MaxPacked)
        {
            return -1;
        }

        if (used + needed > texts.Length)
        {
            Array.Resize(ref texts, Math.Max(used + needed, texts.Length * 2));
        }

        var at = used;
        texts[used++] = (char)(entry.OtherNames.Count + 1);
        foreach (var (searchName, searchSpelling, kind) in Names(entry))
        {
            texts[used++] = (char)kind;
            texts[used++] = (char)searchName.Length;
            searchName.CopyTo(texts.AsSpan(used));
            used += searchName.Length;
            if (Equals(searchName, searchSpelling))
            {
                texts[used++] = Same;
            }
            else
            {
                texts[used++] = (char)searchSpelling.Length;
                searchSpelling.CopyTo(texts.AsSpan(used));
                used += searchSpelling.Length;
            }
        }

        return at;
    }

    private int BlockLength(int at)
    {
        int names = texts[at];
        var position = at + 1;
        for (var name = 0; name < names; name++)
        {
            position += 2 + texts[position + 1];
            position += texts[position] == Same ? 1 : 1 + texts[position];
        }

        return position - at;
    }

    private static IEnumerable<(string SearchName, string SearchSpelling, PlaceNameMatchKind Kind)> Names(
        PlaceNameIndexEntry entry)
    {
        yield return (entry.SearchName, entry.SearchSpelling, PlaceNameMatchKind.Current);
        foreach (var other in entry.OtherNames)
        {
            yield return (other.SearchName, other.SearchSpelling, other.Kind);
        }
    }

    private static bool Equals(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
}
