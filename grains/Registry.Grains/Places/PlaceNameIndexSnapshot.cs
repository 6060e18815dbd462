using System.Text;
using Registry.Abstractions.Places;
using Registry.Grains.Indexing;

namespace Registry.Grains.Places;

/// <summary>
/// A compact binary image of one place-name index partition: its entries and its posting lists (term, then the
/// ascending local ids as 7-bit-encoded gaps), so a partition starts by reading one value and restoring its postings
/// instead of parsing some 10,000 entries from JSON and computing every name's character pairs again. Carries
/// <see cref="Format"/> and <see cref="PlaceNameIndex.EntryVersion"/>: an image of another format or entry shape is
/// not read (<see cref="TryRead"/> returns false and the partition loads its stored pieces). Every field of
/// <see cref="PlaceNameIndexEntry"/> is written; a field added to the entry must be added here and
/// <see cref="Format"/> raised. Pure.
/// </summary>
public static class PlaceNameIndexSnapshot
{
    /// <summary>The layout of the image; raised when it changes.</summary>
    public const int Format = 1;

    /// <summary>The image of the partition's entries and postings.</summary>
    public static byte[] Write(PostingIndex<PlaceNameIndexEntry> index)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Format);
            writer.Write(PlaceNameIndex.EntryVersion);
            var documents = index.Documents();
            writer.Write(documents.Count);
            foreach (var (_, _, entry) in documents)
            {
                WriteEntry(writer, entry);
            }

            var postings = index.Postings.ToList();
            writer.Write(postings.Count);
            foreach (var (term, ids) in postings)
            {
                writer.Write(term);
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
        try
        {
            using var reader = new BinaryReader(new MemoryStream(image, writable: false), Encoding.UTF8);
            if (reader.ReadInt32() != Format || reader.ReadInt32() != PlaceNameIndex.EntryVersion)
            {
                return false;
            }

            var count = reader.ReadInt32();
            var documents = new List<(string, long, PlaceNameIndexEntry)>(count);
            for (var i = 0; i < count; i++)
            {
                var entry = ReadEntry(reader);
                documents.Add((entry.Id, PlaceNameIndex.VersionOf(entry), entry));
            }

            var terms = reader.ReadInt32();
            var postings = new List<KeyValuePair<string, List<int>>>(terms);
            for (var t = 0; t < terms; t++)
            {
                var term = reader.ReadString();
                var length = reader.Read7BitEncodedInt();
                var ids = new List<int>(length);
                var previous = -1;
                for (var i = 0; i < length; i++)
                {
                    previous += reader.Read7BitEncodedInt();
                    ids.Add(previous);
                }

                postings.Add(KeyValuePair.Create(term, ids));
            }

            if (reader.BaseStream.Position != reader.BaseStream.Length)
            {
                return false;
            }

            index.Restore(documents, postings);
            return true;
        }
        catch (Exception error) when (error is EndOfStreamException or FormatException or ArgumentException
                                          or IOException)
        {
            index.Clear();
            return false;
        }
    }

    private static void WriteEntry(BinaryWriter w, PlaceNameIndexEntry e)
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

    private static PlaceNameIndexEntry ReadEntry(BinaryReader r)
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
    private static void Text(BinaryWriter w, string? text)
    {
        w.Write(text is not null);
        if (text is not null)
        {
            w.Write(text);
        }
    }

    private static string? Text(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;

    // A list missing from an old stored entry (null) is written as empty, which is what the entry's own default is.
    private static void Texts(BinaryWriter w, IReadOnlyList<string>? texts)
    {
        texts ??= [];
        w.Write7BitEncodedInt(texts.Count);
        foreach (var text in texts)
        {
            Text(w, text);
        }
    }

    private static string[] Texts(BinaryReader r)
    {
        var texts = new string[r.Read7BitEncodedInt()];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = Text(r)!;
        }

        return texts;
    }

    private static void Day(BinaryWriter w, DateOnly? day) => w.Write(day?.DayNumber ?? -1);

    private static DateOnly? Day(BinaryReader r) => r.ReadInt32() is var day and >= 0 ? DateOnly.FromDayNumber(day) : null;
}
