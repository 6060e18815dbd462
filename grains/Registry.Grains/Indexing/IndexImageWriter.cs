using System.Text;

namespace Registry.Grains.Indexing;

/// <summary>
/// Writes a compact binary image of one index partition (<see cref="IndexImage"/>): the caller writes each document
/// with the methods here, every text by its number in a table of distinct texts (a register repeats its offices,
/// kinds of ground and the like in every entry), then <see cref="ToImage{TDoc}"/> puts the header, the table, the
/// documents and the partition's posting lists together. Texts and terms are UTF-16 code units, exact for any string
/// (a term may hold half of a character outside the Basic Multilingual Plane). Not thread-safe; one image per writer.
/// </summary>
public sealed class IndexImageWriter : IDisposable
{
    private readonly Dictionary<string, int> table = new(StringComparer.Ordinal);
    private readonly MemoryStream documents = new();
    private readonly BinaryWriter writer;
    private int count;

    public IndexImageWriter() => writer = new BinaryWriter(documents, Encoding.UTF8, leaveOpen: true);

    /// <summary>A text (null kept as null), as its number in the table.</summary>
    public void Text(string? text)
    {
        if (text is null)
        {
            writer.Write7BitEncodedInt(0);
            return;
        }

        if (!table.TryGetValue(text, out var number))
        {
            table[text] = number = table.Count;
        }

        writer.Write7BitEncodedInt(number + 1);
    }

    /// <summary>A non-negative count or small number, 7-bit encoded.</summary>
    public void Count(int value) => writer.Write7BitEncodedInt(value);

    public void Int(int value) => writer.Write(value);

    public void Long(long value) => writer.Write(value);

    public void Double(double value) => writer.Write(value);

    /// <summary>A number that may be missing.</summary>
    public void Int(int? value)
    {
        writer.Write(value.HasValue);
        writer.Write(value.GetValueOrDefault());
    }

    /// <summary>A day that may be missing, as its day number (-1: none).</summary>
    public void Day(DateOnly? day) => writer.Write(day?.DayNumber ?? -1);

    /// <summary>Ends one document: the image holds as many as were ended.</summary>
    public void EndDocument() => count++;

    /// <summary>
    /// The image: <paramref name="format"/> and <paramref name="version"/> (what a reader must know to accept it), the
    /// text table, the documents written (in the order of <paramref name="index"/>'s local ids, which the caller
    /// wrote them in) and <paramref name="index"/>'s posting lists as 7-bit-encoded gaps.
    /// </summary>
    public byte[] ToImage<TDoc>(int format, int version, PostingIndex<TDoc> index)
        where TDoc : class
    {
        if (count != index.Count)
        {
            throw new InvalidOperationException($"{count} documents written for an index of {index.Count}.");
        }

        writer.Flush();
        using var stream = new MemoryStream();
        using (var header = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            header.Write(format);
            header.Write(version);
            header.Write(table.Count);
            foreach (var text in table.OrderBy(t => t.Value).Select(t => t.Key))
            {
                WriteUtf16(header, text);
            }

            header.Write(count);
            header.Flush();
            documents.WriteTo(stream);
            WritePostings(header, index.Postings);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// Posting lists as an image keeps them: their count, then each term (<see cref="WriteUtf16"/>) with its number of
    /// ids and the ids as 7-bit encoded gaps from the previous (the first from -1), in ordinal order of the terms, so
    /// the lists of several images can be joined by merging them. Shared by every index image.
    /// </summary>
    internal static void WritePostings(BinaryWriter writer, IEnumerable<KeyValuePair<string, IReadOnlyList<int>>> postings)
    {
        var lists = postings.ToList();
        lists.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        writer.Write(lists.Count);
        foreach (var (term, ids) in lists)
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

    /// <summary>A string as its length and UTF-16 code units: exact for any string, a lone surrogate included.</summary>
    internal static void WriteUtf16(BinaryWriter writer, string text)
    {
        writer.Write7BitEncodedInt(text.Length);
        foreach (var unit in text)
        {
            writer.Write((ushort)unit);
        }
    }

    public void Dispose()
    {
        writer.Dispose();
        documents.Dispose();
    }
}
