using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using Registry.Abstractions.Places;
using Registry.Grains.Indexing;

namespace Registry.Grains.Places;

/// <summary>
/// A compact binary image of one place-name index partition: a table of every distinct text, its entries (naming their
/// texts by number) and its posting lists (term, then the ascending local ids as 7-bit-encoded gaps), so a partition starts by reading one value and restoring its postings
/// instead of parsing some 10,000 entries from JSON and computing every name's character pairs again. Carries
/// <see cref="Format"/> and <see cref="PlaceNameIndex.EntryVersion"/>: an image of another format or entry shape is
/// not read (<see cref="TryRead"/> returns false and the partition loads its stored pieces). Every field of
/// <see cref="PlaceNameIndexEntry"/> is written; a field added to the entry must be added here and
/// <see cref="Format"/> raised. Pure.
/// </summary>
public static class PlaceNameIndexSnapshot
{
    /// <summary>The layout of the image, and of the terms its posting lists hold (<see cref="PlaceNameIndex.Terms"/>);
    /// raised when either changes. 2: every text once, in a table the entries name by number (the official stock
    /// repeats its source, approving authority, division and location in every entry), and trigrams of Latin
    /// letters. 3: texts and terms as UTF-16 code units, not UTF-8: a term is a pair of code units and may hold half
    /// of a character outside the Basic Multilingual Plane, which UTF-8 cannot carry (two such terms read back as one).
    /// 4: runs of four Latin letters or digits are terms too (<see cref="PlaceNameIndex.Terms"/>). 5: the posting lists
    /// in ordinal order of their terms, so the images of a process's copy join by merging (<see cref="TryJoinPostings"/>).
    /// </summary>
    public const int Format = 5;

    /// <summary>The image of the partition's entries and postings.</summary>
    public static byte[] Write(PostingIndex<PlaceNameIndexEntry> index)
    {
        // The entries are written first to a buffer of their own, naming each text by its number in the table, which
        // is then written ahead of them: a reader makes each distinct text once and every entry shares it.
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        using var entries = new MemoryStream();
        var documents = index.Documents();
        using (var writer = new TableWriter(entries, table))
        {
            foreach (var (_, _, entry) in documents)
            {
                WriteEntry(writer, entry);
            }
        }

        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write(PlaceNameIndex.EntryVersion);
            writer.Write(table.Count);
            foreach (var text in table.OrderBy(t => t.Value).Select(t => t.Key))
            {
                IndexImageWriter.WriteUtf16(writer, text);
            }

            writer.Write(documents.Count);
            writer.Flush();
            entries.WriteTo(stream);
            IndexImageWriter.WritePostings(writer, index.Postings);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Restores <paramref name="index"/> from an image <see cref="Write"/> made; false (the index left empty) when
    /// the image is of another format or entry version, or damaged.
    /// </summary>
    public static bool TryRead(byte[] image, PostingIndex<PlaceNameIndexEntry> index)
    {
        index.Clear();
        return TryDecode(image, 0, out var documents, out var postings)
            && index.TryRestore(documents, postings, out _);
    }

    /// <summary>Whether the image is of this <see cref="Format"/> and <see cref="PlaceNameIndex.EntryVersion"/>
    /// (its header only: a damaged body is found by <see cref="TryDecode"/>).</summary>
    public static bool IsCurrent(byte[]? image) => IndexImage.IsOf(image, Format, PlaceNameIndex.EntryVersion);

    /// <summary>
    /// The entries (with their keys and versions) and posting lists of an image <see cref="Write"/> made, every local
    /// id raised by <paramref name="idOffset"/>; false when the image is of another format or entry version, or damaged.
    /// </summary>
    public static bool TryDecode(byte[] image, int idOffset,
        out List<(string Key, long Revision, PlaceNameIndexEntry Doc)> documents,
        out List<KeyValuePair<string, List<int>>> postings)
    {
        if (!TryDecodeJoined([image], out documents, out postings))
        {
            return false;
        }

        if (idOffset != 0)
        {
            foreach (var (_, ids) in postings)
            {
                var span = CollectionsMarshal.AsSpan(ids);
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] += idOffset;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The entries and posting lists of several images <see cref="Write"/> made (disjoint partitions) as one index:
    /// the entries in the images' order, each image's local ids raised past the entries of the images before it, so
    /// every term's list, the images' lists of it one after the other, stays ascending (see
    /// <see cref="TryJoinPostings"/>). The entries are read in parallel, the lists in order. False when an image is of
    /// another format or entry version, or damaged.
    /// </summary>
    public static bool TryDecodeJoined(IReadOnlyList<byte[]> images,
        out List<(string Key, long Revision, PlaceNameIndexEntry Doc)> documents,
        out List<KeyValuePair<string, List<int>>> postings)
    {
        documents = [];
        postings = [];
        var parts = new ImageEntries?[images.Count];
        Parallel.For(0, images.Count, i => parts[i] = TryDecodeEntries(images[i]));
        if (parts.Any(p => p is null) || !TryJoinPostings(parts!, postings))
        {
            return false;
        }

        documents.EnsureCapacity(parts.Sum(p => p!.Documents.Count));
        foreach (var part in parts)
        {
            documents.AddRange(part!.Documents);
        }

        return true;
    }

    /// <summary>An image read up to its posting lists: its entries, and where the lists begin
    /// (<see cref="TryJoinPostings"/> reads them).</summary>
    public sealed class ImageEntries
    {
        internal ImageEntries(byte[] image, int postingsAt, List<(string Key, long Revision, PlaceNameIndexEntry Doc)> documents)
        {
            Image = image;
            PostingsAt = postingsAt;
            Documents = documents;
        }

        internal byte[] Image { get; }

        internal int PostingsAt { get; }

        /// <summary>The image's entries with their keys and versions, in the order of their local ids.</summary>
        public List<(string Key, long Revision, PlaceNameIndexEntry Doc)> Documents { get; }
    }

    /// <summary>The entries of an image <see cref="Write"/> made, as stored (packed by <see cref="IndexImage.Pack"/>)
    /// or not; null when it is of another format or entry version, or damaged there (damage in its posting lists is
    /// found by <see cref="TryJoinPostings"/>).</summary>
    public static ImageEntries? TryDecodeEntries(byte[] image) =>
        IsCurrent(image) && IndexImage.Unpack(image) is { } unpacked
                         && TryDecodeEntries(unpacked, out var documents, out var at)
            ? new ImageEntries(unpacked, at, documents)
            : null;

    /// <summary>
    /// Adds to <paramref name="postings"/> (empty) the posting lists of the images <paramref name="parts"/> were read
    /// from, as of one index holding their entries in that order, each term once and in ordinal order: each image's
    /// local ids raised past the entries of the images before it, and a term's list the images' lists of it one after
    /// the other (so ascending). Read from the bytes directly in one pass, merging the images' lists, which each image
    /// keeps in ordinal order of their terms: every distinct term is made a string once and its ids are read straight
    /// into a list of their total size, so no list is grown and copied, and no list or term per image is made (at
    /// national scale 1.7 million of each, joined into 350,000). False, with <paramref name="postings"/> left partly
    /// joined, when the lists are damaged or an image's terms are not in strictly ascending order.
    /// </summary>
    public static bool TryJoinPostings(IReadOnlyList<ImageEntries> parts, List<KeyValuePair<string, List<int>>> postings)
    {
        try
        {
            return TryJoinLists(parts, postings);
        }
        catch (Exception error) when (error is FormatException or ArgumentException or IndexOutOfRangeException
                                          or OverflowException)
        {
            return false;
        }
    }

    /// <summary>The header, texts and entries of an image; <paramref name="postingsAt"/> where its posting lists begin.</summary>
    private static bool TryDecodeEntries(byte[] image,
        out List<(string Key, long Revision, PlaceNameIndexEntry Doc)> documents, out int postingsAt)
    {
        documents = [];
        postingsAt = 0;
        try
        {
            // Read from the bytes directly: a reader's one call per byte of some 800,000 entries' numbers was most of
            // the entries' cost at national scale.
            var reader = new TableReader(image, []);
            if (reader.ReadInt32() != Format || reader.ReadInt32() != PlaceNameIndex.EntryVersion)
            {
                return false;
            }

            var texts = new string[reader.ReadInt32()];
            for (var i = 0; i < texts.Length; i++)
            {
                texts[i] = ReadUtf16(image, ref reader.At);
            }

            reader.Texts = texts;
            var count = reader.ReadInt32();
            documents.EnsureCapacity(count);
            for (var i = 0; i < count; i++)
            {
                var entry = ReadEntry(ref reader);
                documents.Add((entry.Id, PlaceNameIndex.VersionOf(entry), entry));
            }

            postingsAt = reader.At;
            return true;
        }
        catch (Exception error) when (error is FormatException or ArgumentException or IndexOutOfRangeException
                                          or OverflowException)
        {
            return false;
        }
    }

    private static bool TryJoinLists(IReadOnlyList<ImageEntries> parts, List<KeyValuePair<string, List<int>>> postings)
    {
        // Every image lists its terms in ordinal order, so the images' lists are merged: each distinct term is met once
        // in all of them, made a string once, and its ids read straight into a list of their total size. No term is
        // looked up in a table (at national scale 1.7 million lookups into 350,000 terms were most of the join).
        var cursors = new TermCursor[parts.Count];
        var offset = 0;
        for (var p = 0; p < parts.Count; p++)
        {
            var image = parts[p].Image;
            var at = parts[p].PostingsAt;
            var terms = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(at, 4));
            cursors[p] = new TermCursor(image, at + 4, terms, offset, parts[p].Documents.Count);
            offset = checked(offset + parts[p].Documents.Count);
            if (!cursors[p].TryNext())
            {
                return false;
            }
        }

        var same = new int[parts.Count];
        while (true)
        {
            var least = -1;
            for (var p = 0; p < cursors.Length; p++)
            {
                if (!cursors[p].Done && (least < 0 || cursors[p].Term.SequenceCompareTo(cursors[least].Term) < 0))
                {
                    least = p;
                }
            }

            if (least < 0)
            {
                return true;
            }

            var term = cursors[least].Term;
            var count = 0;
            var total = 0;
            for (var p = least; p < cursors.Length; p++)
            {
                if (!cursors[p].Done && cursors[p].Term.SequenceEqual(term))
                {
                    same[count++] = p;
                    total = checked(total + cursors[p].Length);
                }
            }

            var ids = new List<int>(total);
            CollectionsMarshal.SetCount(ids, total);
            var target = CollectionsMarshal.AsSpan(ids);
            postings.Add(KeyValuePair.Create(term.ToString(), ids));
            // In image order, so each image's ids, raised past the images before it, follow those before them.
            for (var i = 0; i < count; i++)
            {
                ref var cursor = ref cursors[same[i]];
                if (!cursor.TryReadIds(target[..cursor.Length]) || !cursor.TryNext())
                {
                    return false;
                }

                target = target[cursor.ReadLength..];
            }
        }
    }

    /// <summary>
    /// Where the merge of <see cref="TryJoinLists"/> stands in one image's posting lists: the current term and its
    /// list. <see cref="TryNext"/> moves past a list read to the next term, refusing a term not after the one before
    /// it (an image's terms are in strictly ascending ordinal order) and, once the last is read, bytes left over.
    /// </summary>
    private struct TermCursor(byte[] image, int at, int terms, int offset, int entries)
    {
        private int at = at;
        private int left = terms;
        private int termAt = -1;
        private int termUnits;
        private char[]? swapped;

        public bool Done { get; private set; }

        /// <summary>How many ids the current term's list holds.</summary>
        public int Length { get; private set; }

        /// <summary>How many ids the last <see cref="TryReadIds"/> read.</summary>
        public int ReadLength { get; private set; }

        public readonly ReadOnlySpan<char> Term => swapped is not null
            ? swapped.AsSpan(0, termUnits)
            : MemoryMarshal.Cast<byte, char>(image.AsSpan(termAt, termUnits * 2));

        /// <summary>Reads the current term's ids (each raised by the image's offset) into <paramref name="target"/>.</summary>
        public bool TryReadIds(Span<int> target)
        {
            var bytes = image.AsSpan();
            var previous = -1;
            for (var i = 0; i < target.Length; i++)
            {
                var gap = IndexImageReader.Read7BitEncodedInt(bytes, ref at);
                previous += gap;
                if (gap <= 0 || previous >= entries)
                {
                    return false;
                }

                target[i] = previous + offset;
            }

            ReadLength = target.Length;
            return true;
        }

        /// <summary>Moves to the next term (past the current one's ids, which must have been read).</summary>
        public bool TryNext()
        {
            if (left == 0)
            {
                Done = true;
                return at == image.Length;
            }

            left--;
            var bytes = image.AsSpan();
            var units = IndexImageReader.Read7BitEncodedInt(bytes, ref at);
            var next = bytes.Slice(at, checked(units * 2));
            ReadOnlySpan<char> previous = termAt < 0 ? [] : Term;
            if (!BitConverter.IsLittleEndian)
            {
                var reversed = new char[units];
                BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(next),
                    MemoryMarshal.Cast<char, ushort>(reversed.AsSpan()));
                if (termAt >= 0 && ((ReadOnlySpan<char>)reversed).SequenceCompareTo(previous) <= 0)
                {
                    return false;
                }

                swapped = reversed;
            }
            else if (termAt >= 0 && MemoryMarshal.Cast<byte, char>(next).SequenceCompareTo(previous) <= 0)
            {
                return false;
            }

            termAt = at;
            termUnits = units;
            at += units * 2;
            Length = IndexImageReader.Read7BitEncodedInt(bytes, ref at);
            return Length >= 0;
        }
    }

    private static string ReadUtf16(ReadOnlySpan<byte> bytes, ref int at)
    {
        var length = IndexImageReader.Read7BitEncodedInt(bytes, ref at);
        var units = MemoryMarshal.Cast<byte, ushort>(bytes.Slice(at, checked(length * 2)));
        at += length * 2;
        if (!BitConverter.IsLittleEndian)
        {
            var swapped = new ushort[units.Length];
            BinaryPrimitives.ReverseEndianness(units, swapped);
            units = swapped;
        }

        return new string(MemoryMarshal.Cast<ushort, char>(units));
    }

    private static void WriteEntry(TableWriter w, PlaceNameIndexEntry e)
    {
        Text(w, e.Id);
        Text(w, e.Name);
        Text(w, e.Romanization);
        Text(w, e.SearchName);
        Text(w, e.SearchSpelling);
        Texts(w, e.HistoricalSearchNames);
        w.Write((int)e.Category);
        Text(w, e.DivisionCode);
        w.Write((int)e.Status);
        w.Write(e.X);
        w.Write(e.Y);
        w.Write(e.MinX);
        w.Write(e.MinY);
        w.Write(e.MaxX);
        w.Write(e.MaxY);
        Text(w, e.LocationDescription);
        Text(w, e.ApprovingAuthority);
        Day(w, e.ApprovedOn);
        Day(w, e.AnnouncedOn);
        Text(w, e.Source);
        Text(w, e.SourceId);
        w.Write(e.Revision);
        Day(w, e.RefreshOn);
        Texts(w, e.AliasSearchNames);
        var others = e.OtherNames ?? [];
        w.Write7BitEncodedInt(others.Count);
        foreach (var other in others)
        {
            Text(w, other.Name);
            Text(w, other.Romanization);
            Text(w, other.SearchName);
            Text(w, other.SearchSpelling);
            w.Write((int)other.Kind);
        }
    }

    private static PlaceNameIndexEntry ReadEntry(ref TableReader r)
    {
        // Arguments, then the initializers, are evaluated left to right: the fields in the order WriteEntry wrote
        // them, and the entry made once (a copy `with` its other names was 833,000 records more at national scale).
        return new PlaceNameIndexEntry(Text(ref r)!, Text(ref r)!, Text(ref r)!, Text(ref r)!, Text(ref r)!,
            Texts(ref r), (PlaceCategory)r.ReadInt32(), Text(ref r)!, (PlaceNameStatus)r.ReadInt32(), r.ReadDouble(),
            r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), Text(ref r)!, Text(ref r),
            Day(ref r), Day(ref r), Text(ref r), Text(ref r), r.ReadInt64())
        {
            RefreshOn = Day(ref r),
            AliasSearchNames = Texts(ref r),
            OtherNames = OtherNames(ref r),
        };
    }

    private static PlaceNameIndexName[] OtherNames(ref TableReader r)
    {
        var count = r.Read7BitEncodedInt();
        if (count == 0)
        {
            return [];
        }

        var others = new PlaceNameIndexName[count];
        for (var i = 0; i < others.Length; i++)
        {
            others[i] = new PlaceNameIndexName(Text(ref r)!, Text(ref r)!, Text(ref r)!, Text(ref r)!,
                (PlaceNameMatchKind)r.ReadInt32());
        }

        return others;
    }

    // Every text, also one declared non-null, keeps a null as null: the image gives back exactly what it was given.
    // A text is its number in the table plus one; 0 is null.
    private static void Text(TableWriter w, string? text) => w.Write7BitEncodedInt(text is null ? 0 : w.Number(text) + 1);

    private static string? Text(ref TableReader r) => r.Read7BitEncodedInt() is var n and > 0 ? r.Texts[n - 1] : null;

    // A list missing from an old stored entry (null) is written as empty, which is what the entry's own default is.
    private static void Texts(TableWriter w, IReadOnlyList<string>? texts)
    {
        texts ??= [];
        w.Write7BitEncodedInt(texts.Count);
        foreach (var text in texts)
        {
            Text(w, text);
        }
    }

    private static string[] Texts(ref TableReader r)
    {
        var count = r.Read7BitEncodedInt();
        if (count == 0)
        {
            return [];
        }

        var texts = new string[count];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = Text(ref r)!;
        }

        return texts;
    }

    /// <summary>Writes the entries, numbering each distinct text in <paramref name="table"/> as it first meets it.</summary>
    private sealed class TableWriter(Stream stream, Dictionary<string, int> table)
        : BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)
    {
        public int Number(string text)
        {
            if (!table.TryGetValue(text, out var number))
            {
                table[text] = number = table.Count;
            }

            return number;
        }
    }

    /// <summary>Reads an image's numbers from its bytes (little-endian, as <see cref="BinaryWriter"/> wrote them), and
    /// the entries' texts by their numbers in the table read before them.</summary>
    private ref struct TableReader(ReadOnlySpan<byte> bytes, string[] texts)
    {
        private readonly ReadOnlySpan<byte> bytes = bytes;

        public int At;

        public string[] Texts = texts;

        public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

        public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

        public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

        public int Read7BitEncodedInt() => IndexImageReader.Read7BitEncodedInt(bytes, ref At);

        private ReadOnlySpan<byte> Take(int length)
        {
            var taken = bytes.Slice(At, length);
            At += length;
            return taken;
        }
    }

    private static void Day(TableWriter w, DateOnly? day) => w.Write(day?.DayNumber ?? -1);

    private static DateOnly? Day(ref TableReader r) => r.ReadInt32() is var day and >= 0 ? DateOnly.FromDayNumber(day) : null;
}
