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

    /// <summary>How many ids one thread packs at a time in <see cref="SetAll"/>.</summary>
    private const int Chunk = 16_384;

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

        SetNumbers(id, entry);
        start[id] = Pack(entry);
    }

    /// <summary>
    /// Packs every entry anew under ids 0 to <paramref name="count"/> - 1 (<paramref name="entryOf"/> read from
    /// several threads at once), on every core: a restore of some 830,000 entries waited for them one by one. Each
    /// entry's numbers and the length of its texts first, then where each entry's texts begin, then the texts.
    /// </summary>
    public void SetAll(int count, Func<int, PlaceNameIndexEntry> entryOf)
    {
        start = new int[count];
        status = new byte[count];
        category = new byte[count];
        prominence = new byte[count];
        nameKeys = new UInt128[count];
        beginnings = new ulong[count];
        lengths = new byte[count];
        EveryId(count, id =>
        {
            var entry = entryOf(id);
            SetNumbers(id, entry);
            start[id] = PackedLength(entry);
        });
        var total = 0;
        for (var id = 0; id < count; id++)
        {
            if (start[id] >= 0)
            {
                var length = start[id];
                start[id] = total;
                total = checked(total + length);
            }
        }

        texts = new char[Math.Max(total, 4_096)];
        used = total;
        garbage = 0;
        EveryId(count, id =>
        {
            if (start[id] >= 0)
            {
                WriteBlock(entryOf(id), texts.AsSpan(start[id]));
            }
        });
    }

    /// <summary>Runs <paramref name="body"/> for ids 0 to <paramref name="count"/> - 1, <see cref="Chunk"/> ids to a
    /// thread at a time, on every core.</summary>
    private static void EveryId(int count, Action<int> body) =>
        Parallel.For(0, (count + Chunk - 1) / Chunk, chunk =>
        {
            for (var id = chunk * Chunk; id < Math.Min(count, (chunk + 1) * Chunk); id++)
            {
                body(id);
            }
        });

    private void SetNumbers(int id, PlaceNameIndexEntry entry)
    {
        status[id] = (byte)entry.Status;
        category[id] = (byte)entry.Category;
        prominence[id] = (byte)PlaceNameIndex.Prominence(entry);
        nameKeys[id] = PlaceNameIndex.NameKey(entry.SearchName);
        beginnings[id] = Beginnings(entry);
        lengths[id] = Lengths(entry);
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
    /// A bound on how closely a normalised text can match the names of the id (the quality of
    /// <see cref="PlaceNameIndex.Score"/>: 0 the whole name, 1 its beginning, else
    /// <see cref="PlaceNameIndex.FragmentQuality"/>), read from two numbers per entry instead of its texts: no name
    /// can begin with the text when none has the bit of its beginning, none can be the text when none has its length.
    /// The text's own bits (<see cref="BoundOf"/>) are taken once per query, not once per candidate.
    /// </summary>
    public int ClosestBound(int id, TextBits text) =>
        (beginnings[id] & text.Beginning) == 0 ? PlaceNameIndex.FragmentQuality
        : (lengths[id] & text.Length) == 0 ? 1
        : 0;

    /// <summary>The bits of a normalised text that <see cref="ClosestBound(int, TextBits)"/> compares.</summary>
    public static TextBits BoundOf(string text) => new(Signature(text), LengthBit(text.Length));

    /// <summary>A text's beginning bit (<see cref="Signature"/>) and length bit (<see cref="LengthBit"/>).</summary>
    public readonly record struct TextBits(ulong Beginning, int Length);

    /// <summary>A bit for each length of the entry's names and spellings.</summary>
    private static byte Lengths(PlaceNameIndexEntry entry)
    {
        var bits = 0;
        for (var name = 0; name < NameCount(entry); name++)
        {
            var (searchName, searchSpelling, _) = NameAt(entry, name);
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
        for (var name = 0; name < NameCount(entry); name++)
        {
            var (searchName, searchSpelling, _) = NameAt(entry, name);
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

    /// <summary>Appends the entry's texts (<see cref="WriteBlock"/>) and returns where they begin; -1 when they
    /// cannot be packed.</summary>
    private int Pack(PlaceNameIndexEntry entry)
    {
        var needed = PackedLength(entry);
        if (needed < 0)
        {
            return -1;
        }

        if (used + needed > texts.Length)
        {
            Array.Resize(ref texts, Math.Max(used + needed, texts.Length * 2));
        }

        var at = used;
        WriteBlock(entry, texts.AsSpan(at));
        used += needed;
        return at;
    }

    /// <summary>How many characters <see cref="WriteBlock"/> writes for the entry; -1 when a text is too long or the
    /// entry has too many names to pack.</summary>
    private static int PackedLength(PlaceNameIndexEntry entry)
    {
        if (NameCount(entry) > MaxPacked)
        {
            return -1;
        }

        var needed = 1;
        for (var name = 0; name < NameCount(entry); name++)
        {
            var (searchName, searchSpelling, _) = NameAt(entry, name);
            if (searchName.Length > MaxPacked || searchSpelling.Length > MaxPacked)
            {
                return -1;
            }

            needed += 3 + searchName.Length + (Equals(searchName, searchSpelling) ? 0 : searchSpelling.Length);
        }

        return needed;
    }

    /// <summary>[names] then for each name [kind][length][search name][length or Same][spelling].</summary>
    private static void WriteBlock(PlaceNameIndexEntry entry, Span<char> block)
    {
        var at = 0;
        block[at++] = (char)NameCount(entry);
        for (var name = 0; name < NameCount(entry); name++)
        {
            var (searchName, searchSpelling, kind) = NameAt(entry, name);
            block[at++] = (char)kind;
            block[at++] = (char)searchName.Length;
            searchName.CopyTo(block[at..]);
            at += searchName.Length;
            if (Equals(searchName, searchSpelling))
            {
                block[at++] = Same;
            }
            else
            {
                block[at++] = (char)searchSpelling.Length;
                searchSpelling.CopyTo(block[at..]);
                at += searchSpelling.Length;
            }
        }
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

    /// <summary>The entry's names: the one in force, then its other names.</summary>
    private static int NameCount(PlaceNameIndexEntry entry) => entry.OtherNames.Count + 1;

    private static (string SearchName, string SearchSpelling, PlaceNameMatchKind Kind) NameAt(PlaceNameIndexEntry entry,
        int name)
    {
        if (name == 0)
        {
            return (entry.SearchName, entry.SearchSpelling, PlaceNameMatchKind.Current);
        }

        var other = entry.OtherNames[name - 1];
        return (other.SearchName, other.SearchSpelling, other.Kind);
    }

    private static bool Equals(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);
}
