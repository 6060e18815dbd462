using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using ZstdSharp;

namespace Registry.Storage.Sqlite;

/// <summary>
/// How a state's JSON is kept in <c>grain_state.state_json</c> (or, once encoded longer than
/// <see cref="SqliteGrainStateStore.LargestInlineState"/>, in its <c>state_content</c> row): short states as text
/// (compressing them gains nothing), longer ones as a BLOB holding a one-byte format tag, the UTF-8 length (4 bytes,
/// little-endian) and the Brotli stream of the UTF-8 text. A record's JSON repeats its member names and dates, so a marriage record of about 1.5 KB
/// is kept in about a third of that. SQLite keeps each value's own type whatever the column's affinity, so text
/// written before this layout reads as it always did and nothing has to be migrated.
/// <para>
/// Once a state name has a trained dictionary (<see cref="SqliteStateDictionary"/>, schema 7), its states up to
/// <see cref="DictionaryUpTo"/> are kept as a BLOB of tag 2, the dictionary's id and the UTF-8 length (each a 7-bit
/// varint) and the Zstandard frame compressed against that dictionary: a small record's member names and shapes are
/// then not spelled out in every row. Both earlier forms read as before; a value names the dictionary it needs.
/// </para>
/// <para>
/// States of <see cref="ZstandardFrom"/> UTF-8 bytes or more are kept as a BLOB of tag 3, the UTF-8 length (4 bytes,
/// little-endian) and a Zstandard frame: Brotli's 64 KiB window and speed suit records, not a multi-megabyte index
/// snapshot read back whole at every start. A value of tag 1 stays readable; a state is moved to tag 3 when next
/// written.
/// </para>
/// <para>
/// The ETag is eight random bytes kept as a BLOB and handed to Orleans as 16 hexadecimal digits (a 32-digit GUID text
/// before schema 6, which such rows keep until they are next written): it is compared for equality only, and at 10
/// million records 8 bytes instead of 32 on every row are a fifth of a marriage record's own row.
/// </para>
/// </summary>
internal static class SqliteStateCodec
{
    /// <summary>States shorter than this (in UTF-8 bytes) are stored as text.</summary>
    internal const int CompressFrom = 128;

    /// <summary>States up to this many UTF-8 bytes are compressed with their state name's dictionary, if it has one;
    /// longer ones repeat enough of themselves for Brotli alone (and a dictionary gains little on them).</summary>
    internal const int DictionaryUpTo = 16 * 1024;

    /// <summary>States shorter than this (in UTF-8 bytes) stay text even with a dictionary.</summary>
    internal const int DictionaryFrom = 16;

    private const byte BrotliFormat = 1;
    private const byte DictionaryFormat = 2;
    private const byte ZstandardFormat = 3;

    private const int HeaderLength = 5;

    /// <summary>
    /// States of at least this many UTF-8 bytes (an index partition's pieces and snapshot, a map tile piece) are
    /// compressed with Zstandard at <see cref="ZstandardLevel"/> instead of Brotli: on a national place-name
    /// partition's snapshot (21 MB of JSON, written again every minute it changed) level 3 kept it in 6.8 MB against
    /// Brotli's 7.0 (quality 3) and 6.6 (quality 5) and wrote it in about half of quality 3's time; read back in a warm
    /// process in a quarter of Brotli's (28 against 111 ms, measured 2026-12-06), in a process just started (the
    /// managed decoder not yet compiled optimized) in about Brotli's.
    /// </summary>
    internal const int ZstandardFrom = 64 * 1024;

    private const int ZstandardLevel = 3;

    // Zstandard contexts are not thread-safe and keep their tables between calls: each call rents one, and one that
    // failed is not reused.
    private static readonly ConcurrentBag<Compressor> Compressors = [];
    private static readonly ConcurrentBag<Decompressor> Decompressors = [];

    // No state comes near this (the largest, a national tile piece, is a few MB); a larger claim is damage.
    private const int MaximumLength = 1 << 30;

    // Quality 5 with a 64 KiB window: most of Brotli's gain on records of a few KB. Quality 3 took about half the CPU
    // (some 12 against 25 us a state, measured over a benchmark run's states) for about 9% more bytes (a marriage
    // record's 1.15 KB of JSON in 523 bytes instead of 469); a registration's CPU moved within the noise while its
    // disk per record moved away from issue 12's target, so the smaller form is kept for a state's first write.
    // Compression runs on the caller's thread, outside the single writer's transaction.
    private const int Quality = 5;

    // A state written over an earlier version is mostly a read model's partition (an office's day register, a
    // person-name piece, a statistics page) rewritten whole on every record that reaches it, each version replacing
    // the last: quality 5 spent about 90-210 us on each such 2-4 KB state, paid on every write, for a few percent
    // fewer bytes. Quality 3 takes about half of that for 1-7% more bytes (measured on a benchmark run's stored
    // states, 300 of each: statistics page 4.1 KB of JSON in 363 bytes instead of 340, 48 against 91 us; office
    // register 4.3 KB in 768 instead of 730, 85 against 209 us; name piece 2.0 KB in 375 instead of 365, 49 against
    // 93 us). Quality 2 was cheaper still but kept such states 12-30% larger. Records are written once and kept:
    // their first write stays at quality 5.
    private const int RewriteQuality = 3;
    private const int Window = 16;

    /// <summary>The value to bind for <paramref name="json"/>: the text itself, or the compressed bytes.</summary>
    /// <param name="json">The state's JSON.</param>
    /// <param name="rewrite">Whether it replaces a stored version (the write expects an ETag): compressed faster,
    /// see <see cref="RewriteQuality"/>.</param>
    /// <param name="dictionary">The state name's dictionary, if it has one.</param>
    public static object Encode(string json, bool rewrite = false, SqliteStateDictionary? dictionary = null)
    {
        var length = Encoding.UTF8.GetByteCount(json);
        var utf8 = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            return Encode(utf8.AsSpan(0, Encoding.UTF8.GetBytes(json, utf8)), rewrite, dictionary, json);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>The value to bind for the state whose JSON is <paramref name="utf8"/>, as
    /// <see cref="Encode(string, bool, SqliteStateDictionary?)"/> gives it for the same text. The bytes are read
    /// before this returns and not kept.</summary>
    public static object Encode(ReadOnlySpan<byte> utf8, bool rewrite = false,
        SqliteStateDictionary? dictionary = null) =>
        Encode(utf8, rewrite, dictionary, text: null);

    // text: the JSON as text when the caller has it (kept as it is when the state is stored uncompressed).
    private static object Encode(ReadOnlySpan<byte> utf8, bool rewrite, SqliteStateDictionary? dictionary,
        string? text)
    {
        if (dictionary is not null && utf8.Length >= DictionaryFrom && utf8.Length <= DictionaryUpTo)
        {
            return (object?)EncodeWithDictionary(utf8, dictionary) ?? AsText(utf8, text);
        }

        if (utf8.Length < CompressFrom)
        {
            return AsText(utf8, text);
        }

        if (utf8.Length >= ZstandardFrom)
        {
            return (object?)EncodeWithZstandard(utf8) ?? AsText(utf8, text);
        }

        var bound = BrotliEncoder.GetMaxCompressedLength(utf8.Length);
        var output = ArrayPool<byte>.Shared.Rent(HeaderLength + bound);
        try
        {
            if (!BrotliEncoder.TryCompress(utf8, output.AsSpan(HeaderLength), out var written,
                    rewrite ? RewriteQuality : Quality, Window) || written >= utf8.Length)
            {
                return AsText(utf8, text);
            }

            output[0] = BrotliFormat;
            BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(1, 4), utf8.Length);
            return output.AsSpan(0, HeaderLength + written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    private static string AsText(ReadOnlySpan<byte> utf8, string? text) => text ?? Encoding.UTF8.GetString(utf8);

    // Null when the frame would not be smaller than the text.
    private static byte[]? EncodeWithZstandard(ReadOnlySpan<byte> utf8)
    {
        var output = ArrayPool<byte>.Shared.Rent(HeaderLength + Compressor.GetCompressBound(utf8.Length));
        var compressor = Compressors.TryTake(out var pooled) ? pooled : new Compressor(ZstandardLevel);
        try
        {
            bool wrapped;
            int written;
            try
            {
                wrapped = compressor.TryWrap(utf8, output.AsSpan(HeaderLength), out written);
            }
            catch
            {
                compressor.Dispose();
                throw;
            }

            Compressors.Add(compressor);
            if (!wrapped || written >= utf8.Length)
            {
                return null;
            }

            output[0] = ZstandardFormat;
            BinaryPrimitives.WriteInt32LittleEndian(output.AsSpan(1, 4), utf8.Length);
            return output.AsSpan(0, HeaderLength + written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    // Null when the frame would not be smaller than the text.
    private static byte[]? EncodeWithDictionary(ReadOnlySpan<byte> utf8, SqliteStateDictionary dictionary)
    {
        var length = utf8.Length;
        // The header, then at most as many bytes as the text itself: a frame that does not fit gains nothing.
        Span<byte> output = stackalloc byte[1 + 10 + 5 + length];
        output[0] = DictionaryFormat;
        var header = 1 + WriteVarint(output[1..], dictionary.Id);
        header += WriteVarint(output[header..], length);
        if (!dictionary.TryCompress(utf8, output.Slice(header, Math.Max(0, length - header)), out var written))
        {
            return null;
        }

        return output[..(header + written)].ToArray();
    }

    private static int WriteVarint(Span<byte> destination, long value)
    {
        var i = 0;
        var rest = (ulong)value;
        while (rest >= 0x80)
        {
            destination[i++] = (byte)(rest | 0x80);
            rest >>= 7;
        }

        destination[i++] = (byte)rest;
        return i;
    }

    private static long ReadVarint(ReadOnlySpan<byte> source, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= source.Length)
            {
                break;
            }

            var b = source[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (long)value;
            }
        }

        throw new InvalidDataException("A stored state's header is damaged.");
    }

    /// <summary>A new ETag, as stored.</summary>
    public static byte[] NewETag() => RandomNumberGenerator.GetBytes(8);

    /// <summary>The ETag as Orleans sees it.</summary>
    public static string ETagText(byte[] stored) => Convert.ToHexStringLower(stored);

    /// <summary>The ETag in column <paramref name="ordinal"/> of the current row, whichever layout wrote it.</summary>
    public static string ReadETag(SqliteDataReader reader, int ordinal) =>
        reader.GetValue(ordinal) switch
        {
            byte[] bytes => ETagText(bytes),
            string text => text,
            var other => throw new InvalidDataException(
                $"A stored ETag is neither bytes nor text but {other?.GetType().Name ?? "null"}."),
        };

    /// <summary>The JSON of the state in column <paramref name="ordinal"/> of the current row, whichever layout.</summary>
    /// <param name="reader">The row.</param>
    /// <param name="ordinal">The column.</param>
    /// <param name="dictionaries">The dictionary of an id (for values of tag 2); none when null.</param>
    public static string Read(SqliteDataReader reader, int ordinal,
        Func<long, SqliteStateDictionary>? dictionaries = null) =>
        reader.GetValue(ordinal) switch
        {
            string text => text,
            byte[] bytes => Decode(bytes, dictionaries),
            var other => throw new InvalidDataException(
                $"A stored state is neither text nor a compressed state but {other?.GetType().Name ?? "null"}."),
        };

    /// <summary>The JSON of the state in column <paramref name="ordinal"/> of the current row as UTF-8, whichever
    /// layout: a compressed value is decompressed into the bytes returned, with no text made of them.</summary>
    public static ReadOnlyMemory<byte> ReadUtf8(SqliteDataReader reader, int ordinal,
        Func<long, SqliteStateDictionary>? dictionaries = null) =>
        reader.GetValue(ordinal) switch
        {
            string text => Encoding.UTF8.GetBytes(text),
            byte[] bytes => DecodeUtf8(bytes, dictionaries),
            var other => throw new InvalidDataException(
                $"A stored state is neither text nor a compressed state but {other?.GetType().Name ?? "null"}."),
        };

    /// <summary>The JSON held in a compressed value.</summary>
    public static string Decode(byte[] stored, Func<long, SqliteStateDictionary>? dictionaries = null) =>
        Encoding.UTF8.GetString(DecodeUtf8(stored, dictionaries));

    /// <summary>The JSON held in a compressed value, as UTF-8.</summary>
    public static byte[] DecodeUtf8(byte[] stored, Func<long, SqliteStateDictionary>? dictionaries = null)
    {
        if (stored.Length > 0 && stored[0] == DictionaryFormat)
        {
            return DecodeWithDictionary(stored, dictionaries);
        }

        if (stored.Length < HeaderLength || stored[0] is not (BrotliFormat or ZstandardFormat))
        {
            throw new InvalidDataException(
                $"A stored state has an unknown layout (tag {(stored.Length == 0 ? "none" : stored[0].ToString())}).");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(stored.AsSpan(1, 4));
        if (length is < 0 or > MaximumLength)
        {
            throw new InvalidDataException($"A stored state claims an impossible length ({length} bytes).");
        }

        var utf8 = GC.AllocateUninitializedArray<byte>(length);
        var compressed = stored.AsSpan(HeaderLength);
        if (!(stored[0] == BrotliFormat
                ? BrotliDecoder.TryDecompress(compressed, utf8, out var written)
                : TryDecompressZstandard(compressed, utf8, out written)) || written != length)
        {
            throw new InvalidDataException("A stored state's compressed bytes are damaged.");
        }

        return utf8;
    }

    private static bool TryDecompressZstandard(ReadOnlySpan<byte> compressed, Span<byte> utf8, out int written)
    {
        var decompressor = Decompressors.TryTake(out var pooled) ? pooled : new Decompressor();
        try
        {
            written = decompressor.Unwrap(compressed, utf8);
        }
        catch (ZstdException)
        {
            // A context that failed mid-frame is not reused.
            decompressor.Dispose();
            written = 0;
            return false;
        }

        Decompressors.Add(decompressor);
        return true;
    }

    private static byte[] DecodeWithDictionary(byte[] stored, Func<long, SqliteStateDictionary>? dictionaries)
    {
        var position = 1;
        var id = ReadVarint(stored, ref position);
        var length = ReadVarint(stored, ref position);
        if (length is < 0 or > DictionaryUpTo)
        {
            throw new InvalidDataException($"A stored state claims an impossible length ({length} bytes).");
        }

        var dictionary = dictionaries?.Invoke(id) ?? throw new InvalidDataException(
            $"A stored state needs compression dictionary {id}, which this store cannot resolve.");
        var utf8 = new byte[length];
        dictionary.Decompress(stored.AsSpan(position), utf8);
        return utf8;
    }
}
