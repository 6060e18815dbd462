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
    /// 4: runs of four Latin letters or digits are terms too (<see cref="PlaceNameIndex.Terms"/>).
    /// </summary>
    public const int Format = 4;

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
                WriteUtf16(writer, text);
            }

            writer.Write(documents.Count);
            writer.Flush();
            entries.WriteTo(stream);
            var postings = index.Postings.ToList();
            writer.Write(postings.Count);
            foreach (var (term, ids) in postings)
            {
                WriteUtf16(writer, term);
                writer.Write7BitEncodedInt(ids.Count);
                var previous = -1;
                foreach (var id in ids)
                {
                    writer.Write7BitEncodedInt(id - previous);
                    previous = id;
                }
            }
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
        if (!TryDecode(image, 0, out var documents, out var postings))
        {
            return false;
        }

        try
        {
            index.Restore(documents, postings);
            return true;
        }
        catch (ArgumentException)
        {
            index.Clear();
            return false;
        }
    }

    /// <summary>Whether the image is of this <see cref="Format"/> and <see cref="PlaceNameIndex.EntryVersion"/>
    /// (its header only: a damaged body is found by <see cref="TryDecode"/>).</summary>
    public static bool IsCurrent(byte[]? image) =>
        image is { Length: >= 8 }
        && BinaryPrimitives.ReadInt32LittleEndian(image) == Format
        && BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(4)) == PlaceNameIndex.EntryVersion;

    /// <summary>
    /// The entries (with their keys and versions) and posting lists of an image <see cref="Write"/> made, every local
    /// id raised by <paramref name="idOffset"/> (a reader joining several partitions' images into one index); false
    /// when the image is of another format or entry version, or damaged.
    /// </summary>
    public static bool TryDecode(byte[] image, int idOffset,
        out List<(string Key, long Revision, PlaceNameIndexEntry Doc)> documents,
        out List<KeyValuePair<string, List<int>>> postings)
    {
        documents = [];
        postings = [];
        try
        {
            using var stream = new MemoryStream(image, writable: false);
            using var header = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            if (header.ReadInt32() != Format || header.ReadInt32() != PlaceNameIndex.EntryVersion)
            {
                return false;
            }

            var texts = new string[header.ReadInt32()];
            for (var i = 0; i < texts.Length; i++)
            {
                texts[i] = ReadUtf16(header);
            }

            using var reader = new TableReader(stream, texts);
            var count = reader.ReadInt32();
            documents.EnsureCapacity(count);
            for (var i = 0; i < count; i++)
            {
                var entry = ReadEntry(reader);
                documents.Add((entry.Id, PlaceNameIndex.VersionOf(entry), entry));
            }

            // The posting lists, most of the image (millions of gaps at national scale), are read from the bytes
            // directly rather than through the reader's one call per byte.
            var bytes = image.AsSpan();
            var at = checked((int)stream.Position);
            var terms = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
            at += 4;
            postings.EnsureCapacity(terms);
            for (var t = 0; t < terms; t++)
            {
                var term = ReadUtf16(bytes, ref at);
                var length = Read7BitEncodedInt(bytes, ref at);
                var ids = new List<int>(length);
                CollectionsMarshal.SetCount(ids, length);
                var target = CollectionsMarshal.AsSpan(ids);
                var previous = -1;
                for (var i = 0; i < target.Length; i++)
                {
                    previous += Read7BitEncodedInt(bytes, ref at);
                    target[i] = previous + idOffset;
                }

                postings.Add(KeyValuePair.Create(term, ids));
            }

            return at == bytes.Length;
        }
        catch (Exception error) when (error is EndOfStreamException or FormatException or ArgumentException
                                          or IOException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    /// <summary>A string as its length and UTF-16 code units: exact for any string, a lone surrogate included.</summary>
    private static void WriteUtf16(BinaryWriter writer, string text)
    {
        writer.Write7BitEncodedInt(text.Length);
        foreach (var unit in text)
        {
            writer.Write((ushort)unit);
        }
    }

    /// <summary>A number as <see cref="BinaryWriter.Write7BitEncodedInt"/> wrote it, from <paramref name="at"/>, which is
    /// moved past it; throws as <see cref="BinaryReader.Read7BitEncodedInt"/> does on a malformed number.</summary>
    private static int Read7BitEncodedInt(ReadOnlySpan<byte> bytes, ref int at)
    {
        var value = 0u;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = bytes[at++];
            if (shift == 28 && b > 0b1111)
            {
                throw new FormatException("A 7-bit encoded number is too large.");
            }

            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (int)value;
            }
        }

        throw new FormatException("A 7-bit encoded number is too long.");
    }

    private static string ReadUtf16(ReadOnlySpan<byte> bytes, ref int at)
    {
        var length = Read7BitEncodedInt(bytes, ref at);
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

    private static string ReadUtf16(BinaryReader reader)
    {
        var length = reader.Read7BitEncodedInt();
        var units = reader.ReadBytes(checked(length * 2));
        if (units.Length != length * 2)
        {
            throw new EndOfStreamException();
        }

        return string.Create(length, units, static (chars, bytes) =>
        {
            var read = MemoryMarshal.Cast<byte, ushort>(bytes);
            if (BitConverter.IsLittleEndian)
            {
                read.CopyTo(MemoryMarshal.Cast<char, ushort>(chars));
            }
            else
            {
                BinaryPrimitives.ReverseEndianness(read, MemoryMarshal.Cast<char, ushort>(chars));
            }
        });
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

    private static PlaceNameIndexEntry ReadEntry(TableReader r)
    {
        var entry = new PlaceNameIndexEntry(Text(r)!, Text(r)!, Text(r)!, Text(r)!, Text(r)!, Texts(r),
            (PlaceCategory)r.ReadInt32(), Text(r)!, (PlaceNameStatus)r.ReadInt32(), r.ReadDouble(), r.ReadDouble(),
            r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), Text(r)!, Text(r), Day(r), Day(r), Text(r),
            Text(r), r.ReadInt64())
        {
            RefreshOn = Day(r),
            AliasSearchNames = Texts(r),
        };
        var others = new PlaceNameIndexName[r.Read7BitEncodedInt()];
        for (var i = 0; i < others.Length; i++)
        {
            others[i] = new PlaceNameIndexName(Text(r)!, Text(r)!, Text(r)!, Text(r)!, (PlaceNameMatchKind)r.ReadInt32());
        }

        return entry with { OtherNames = others };
    }

    // Every text, also one declared non-null, keeps a null as null: the image gives back exactly what it was given.
    // A text is its number in the table plus one; 0 is null.
    private static void Text(TableWriter w, string? text) => w.Write7BitEncodedInt(text is null ? 0 : w.Number(text) + 1);

    private static string? Text(TableReader r) => r.Read7BitEncodedInt() is var n and > 0 ? r.Texts[n - 1] : null;

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

    private static string[] Texts(TableReader r)
    {
        var count = r.Read7BitEncodedInt();
        if (count == 0)
        {
            return [];
        }

        var texts = new string[count];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = Text(r)!;
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

    /// <summary>Reads the entries, each text by its number in the table read before them.</summary>
    private sealed class TableReader(Stream stream, string[] texts) : BinaryReader(stream, Encoding.UTF8, leaveOpen: true)
    {
        public string[] Texts { get; } = texts;
    }

    private static void Day(TableWriter w, DateOnly? day) => w.Write(day?.DayNumber ?? -1);

    private static DateOnly? Day(TableReader r) => r.ReadInt32() is var day and >= 0 ? DateOnly.FromDayNumber(day) : null;
}
