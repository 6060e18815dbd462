using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using K4os.Compression.LZ4;

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
    // A packed image: four bytes (read as the header's format, a negative number, which no image format is) naming how
    // it is packed, the image's own header (format and version, so a packed image is checked without unpacking it),
    // the image's length and the length of the packed body, then the body:
    // - LZ4 (PackedMark): the XxHash3 of the image, then one LZ4 block. Damage is found by the hash, or by the block's
    //   lengths (the decoder never reads or writes past either).
    // - zlib (DeflatedMark, written by the builds of 2026-12-06 before LZ4; read, no longer written): the zlib
    //   stream. Damage is found by the stream's checksum, or, where a cut removed the checksum itself (which the
    //   runtime's zlib then does not check), by the lengths.
    private static ReadOnlySpan<byte> PackedMark => [0xFF, (byte)'R', (byte)'I', (byte)'L'];
    private static ReadOnlySpan<byte> DeflatedMark => [0xFF, (byte)'R', (byte)'I', (byte)'Z'];
    private const int MarkLength = 4;
    private const int HeaderLength = 8;
    private const int ImageLengthAt = MarkLength + HeaderLength;
    private const int BodyLengthAt = ImageLengthAt + 4;
    private const int BodyAt = BodyLengthAt + 4;
    private const int HashLength = 8;

    // LZ4's fast high-compression level: a national place-name partition's 15.9 MB image packs in some 160 ms (zlib's
    // optimal level took 250 ms) to 5.7 MB (zlib: 4.5 MB) and unpacks in 5 ms (zlib: 24 ms; measured 2026-12-06).
    private const LZ4Level Level = LZ4Level.L03_HC;

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

        var header = IsPacked(image) ? image.AsSpan(MarkLength) : image.AsSpan();
        return header.Length >= HeaderLength
               && BinaryPrimitives.ReadInt32LittleEndian(header) == format
               && BinaryPrimitives.ReadInt32LittleEndian(header[4..]) == version;
    }

    /// <summary>
    /// The image as a snapshot stores it (<see cref="IndexSnapshots{TCheckpoint}.TakeAsync"/>): an LZ4 block behind
    /// a mark, the image's header and its hash. Restarts read every partition's image at once, so what counts is
    /// how fast one unpacks: a national place-name partition's 15.9 MB image unpacks in about 5 ms, where zlib took
    /// 24 ms and, with sixteen inflated side by side on two cores, some 0.4 CPU-seconds of a restart (measured
    /// 2026-12-06). Storage still compresses the packed image's base64 text (5.7 MB to some 4.7 MB). Every image is
    /// packed, however small, so one path reads them all.
    /// </summary>
    public static byte[] Pack(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (IsPacked(image))
        {
            return image;
        }

        // The block is written into a rented buffer of the most it can take (some 16 MB for a national partition,
        // packed every minute it changes), then copied out at its size.
        var buffer = ArrayPool<byte>.Shared.Rent(BodyAt + HashLength + LZ4Codec.MaximumOutputSize(image.Length));
        try
        {
            var written = LZ4Codec.Encode(image, buffer.AsSpan(BodyAt + HashLength), Level);
            if (written < 0)
            {
                throw new InvalidOperationException("LZ4 could not pack the image.");
            }

            PackedMark.CopyTo(buffer);
            image.AsSpan(0, HeaderLength).CopyTo(buffer.AsSpan(MarkLength));
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(ImageLengthAt), image.Length);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(BodyLengthAt), HashLength + written);
            BinaryPrimitives.WriteUInt64LittleEndian(buffer.AsSpan(BodyAt), XxHash3.HashToUInt64(image));
            return buffer.AsSpan(0, BodyAt + HashLength + written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The image a stored snapshot holds: unpacked when <see cref="Pack"/> packed it (or zlib did, before LZ4), else
    /// the same array (an image stored before images were packed). Null when the packed bytes are damaged (the caller
    /// then starts as without a snapshot).
    /// </summary>
    public static byte[]? Unpack(byte[] stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!IsPacked(stored))
        {
            return stored;
        }

        if (stored.Length < BodyAt
            || BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(BodyLengthAt)) != stored.Length - BodyAt)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(ImageLengthAt));
        if (length is < HeaderLength or > MaximumLength)
        {
            return null;
        }

        var image = GC.AllocateUninitializedArray<byte>(length);
        var unpacked = stored.AsSpan().StartsWith(PackedMark) ? UnpackBlock(stored, image) : Inflate(stored, image);
        // A header that is not the image's own: damaged.
        return unpacked && image.AsSpan(0, HeaderLength).SequenceEqual(stored.AsSpan(MarkLength, HeaderLength))
            ? image
            : null;
    }

    // Into exactly the image's length, and the image hashing to the hash stored with it.
    private static bool UnpackBlock(byte[] stored, byte[] image) =>
        stored.Length >= BodyAt + HashLength
        && LZ4Codec.Decode(stored.AsSpan(BodyAt + HashLength), image) == image.Length
        && XxHash3.HashToUInt64(image) == BinaryPrimitives.ReadUInt64LittleEndian(stored.AsSpan(BodyAt));

    // Exactly the image's length: longer than it claims is damage, as is a stream that fails its checksum.
    private static bool Inflate(byte[] stored, byte[] image)
    {
        try
        {
            using var inflate = new ZLibStream(new MemoryStream(stored, BodyAt, stored.Length - BodyAt),
                CompressionMode.Decompress);
            inflate.ReadExactly(image);
            return inflate.ReadByte() < 0;
        }
        catch (Exception error) when (error is InvalidDataException or EndOfStreamException)
        {
            return false;
        }
    }

    private static bool IsPacked(byte[] stored) =>
        stored.AsSpan().StartsWith(PackedMark) || stored.AsSpan().StartsWith(DeflatedMark);

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
