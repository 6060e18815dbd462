using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Registry.Grains.Indexing;

/// <summary>
/// The compact binary image of one index partition, shared by the read models that start from a snapshot
/// (<see cref="IndexSnapshotState"/>): a header (the read model's image format and entry version), a table of every
/// distinct text, the documents (written and read by the read model, field by field, through
/// <see cref="IndexImageWriter"/> and <see cref="IndexImageReader"/>, naming texts by number) and the posting lists
/// (term, then the ascending local ids as 7-bit-encoded gaps). Restoring one neither parses JSON nor computes a
/// document's terms again. Pure.
/// </summary>
public static class IndexImage
{
    /// <summary>Whether the image's header names <paramref name="format"/> and <paramref name="version"/> (the body
    /// is checked by <see cref="TryRead{TDoc}"/>).</summary>
    public static bool IsOf(byte[]? image, int format, int version) =>
        image is { Length: >= 8 }
        && BinaryPrimitives.ReadInt32LittleEndian(image) == format
        && BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(4)) == version;

    /// <summary>
    /// The documents (each with its key and revision, in local-id order, as <paramref name="readDocument"/> reads
    /// them) and posting lists of an image; false when it is of another format or version, damaged, or longer than
    /// what it holds.
    /// </summary>
    // Runs once per partition at a start, over tens of thousands of entries: compiled optimized at once, not first
    // run unoptimized (the loop would wait for on-stack replacement).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryRead<TDoc>(byte[] image, int format, int version,
        Func<IndexImageReader, (string Key, long Revision, TDoc Doc)> readDocument,
        out List<(string Key, long Revision, TDoc Doc)> documents,
        out List<KeyValuePair<string, List<int>>> postings)
    {
        documents = [];
        postings = [];
        if (!IsOf(image, format, version))
        {
            return false;
        }

        try
        {
            var reader = new IndexImageReader(image, 8);
            var texts = new string[reader.Int()];
            for (var i = 0; i < texts.Length; i++)
            {
                texts[i] = reader.Utf16();
            }

            reader.UseTable(texts);
            var count = reader.Int();
            documents.EnsureCapacity(count);
            for (var i = 0; i < count; i++)
            {
                documents.Add(readDocument(reader));
            }

            var bytes = image.AsSpan();
            var terms = reader.Int();
            postings.EnsureCapacity(terms);
            for (var t = 0; t < terms; t++)
            {
                var term = reader.Utf16();
                var at = reader.At;
                var length = IndexImageReader.Read7BitEncodedInt(bytes, ref at);
                var ids = new List<int>(length);
                CollectionsMarshal.SetCount(ids, length);
                var target = CollectionsMarshal.AsSpan(ids);
                var previous = -1;
                for (var i = 0; i < target.Length; i++)
                {
                    previous += IndexImageReader.Read7BitEncodedInt(bytes, ref at);
                    target[i] = previous;
                }

                reader.At = at;
                postings.Add(KeyValuePair.Create(term, ids));
            }

            return reader.At == bytes.Length;
        }
        catch (Exception error) when (error is FormatException or ArgumentException or IndexOutOfRangeException
                                          or OverflowException or InvalidCastException)
        {
            documents = [];
            postings = [];
            return false;
        }
    }
}
