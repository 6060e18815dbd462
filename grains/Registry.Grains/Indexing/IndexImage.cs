using System.Buffers.Binary;
using System.IO.Compression;
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
    // A packed image: these four bytes (read as the header's format, a negative number, which no image format is),
    // the image's own header (format and version, so a packed image is checked without inflating it), the image's
    // length, the length of the zlib stream that follows, then that stream. Damage is found by the stream's checksum,
    // or, where a cut removed the checksum itself (which the runtime's zlib then does not check), by the lengths.
    private static ReadOnlySpan<byte> PackedMark => [0xFF, (byte)'R', (byte)'I', (byte)'Z'];
    private const int HeaderLength = 8;
    private const int ImageLengthAt = 4 + HeaderLength;
    private const int StreamLengthAt = ImageLengthAt + 4;
    private const int PackedPrefix = StreamLengthAt + 4;

    // No image comes near this (a national place-name partition's is some 16 MB); a larger claim is damage.
    private const int MaximumLength = 1 << 30;

    /// <summary>Whether the image's header names <paramref name="format"/> and <paramref name="version"/> (the body
    /// is checked by <see cref="TryRead{TDoc}"/>), whether the image is packed (<see cref="Pack"/>) or not.</summary>
    public static bool IsOf(byte[]? image, int format, int version)
    {
        if (image is null)
        {
            return false;
        }

        var header = IsPacked(image) ? image.AsSpan(4) : image.AsSpan();
        return header.Length >= HeaderLength
               && BinaryPrimitives.ReadInt32LittleEndian(header) == format
               && BinaryPrimitives.ReadInt32LittleEndian(header[4..]) == version;
    }

    /// <summary>
    /// The image as a snapshot stores it (<see cref="IndexSnapshots{TCheckpoint}.TakeAsync"/>): deflated, behind a
    /// mark and the image's header. A national place-name partition's 15.9 MB image inflates in about 28 ms (the
    /// runtime's native zlib), where the base64 text of the image alone, compressed by storage, took 5.8 MB and some
    /// 110-140 ms to decompress and parse in a fresh process (measured 2026-12-06 on one partition; storage still
    /// compresses the packed image's text, to 4.5 MB). Every image is packed, however small, so one path reads them
    /// all.
    /// </summary>
    public static byte[] Pack(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (IsPacked(image))
        {
            return image;
        }

        using var stream = new MemoryStream(image.Length / 3 + PackedPrefix);
        stream.Write(PackedMark);
        stream.Write(image, 0, HeaderLength);
        stream.Write(new byte[8]); // the lengths, written once the stream's is known
        using (var deflate = new ZLibStream(stream, CompressionLevel.Optimal, leaveOpen: true))
        {
            deflate.Write(image);
        }

        var packed = stream.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(ImageLengthAt), image.Length);
        BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(StreamLengthAt), packed.Length - PackedPrefix);
        return packed;
    }

    /// <summary>
    /// The image a stored snapshot holds: inflated when <see cref="Pack"/> packed it, else the same array (an image
    /// stored before images were packed). Null when the packed bytes are damaged (the caller then
    /// starts as without a snapshot).
    /// </summary>
    public static byte[]? Unpack(byte[] stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!IsPacked(stored))
        {
            return stored;
        }

        if (stored.Length < PackedPrefix
            || BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(StreamLengthAt)) != stored.Length - PackedPrefix)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(ImageLengthAt));
        if (length is < HeaderLength or > MaximumLength)
        {
            return null;
        }

        var image = GC.AllocateUninitializedArray<byte>(length);
        try
        {
            using var inflate = new ZLibStream(new MemoryStream(stored, PackedPrefix, stored.Length - PackedPrefix),
                CompressionMode.Decompress);
            inflate.ReadExactly(image);
            // Longer than it claims, or a header that is not the image's own: damaged.
            return inflate.ReadByte() < 0 && image.AsSpan(0, HeaderLength).SequenceEqual(stored.AsSpan(4, HeaderLength))
                ? image
                : null;
        }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }

    private static bool IsPacked(byte[] stored) => stored.AsSpan().StartsWith(PackedMark);

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
        if (!IsOf(image, format, version) || Unpack(image) is not { } unpacked)
        {
            return false;
        }

        image = unpacked;

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
