using System.Collections.Concurrent;
using ZstdSharp;
using ZstdSharp.Unsafe;

namespace Registry.Storage.Sqlite;

/// <summary>
/// One trained Zstandard dictionary of <c>compression_dictionary</c>: the member names, enum values, date and number
/// shapes the states of one state name share, so that a small state is compressed against them instead of spelling
/// them out again (a marriage record's 1.5 KB of JSON in about 190 bytes instead of Brotli's 510; a person's 190 in
/// about 55 instead of 124). Immutable once stored: every value compressed with it names its id.
/// </summary>
/// <remarks>
/// Thread-safe. Zstandard contexts are not, so each call rents one from a pool (a context keeps the dictionary's
/// digested tables, so it is reused rather than made per call). Frames are written without the magic number, the
/// dictionary id and the checksum (the value's own header holds the id and the length; SQLite checks its pages).
/// </remarks>
internal sealed class SqliteStateDictionary(long id, string stateName, byte[] content) : IDisposable
{
    /// <summary>Level 3 (Zstandard's default): with a dictionary it keeps small states within a few percent of
    /// level 19, at a fraction of Brotli's CPU.</summary>
    private const int Level = 3;

    // ZSTD_c_format / ZSTD_d_format (experimental parameters 2 and 1) = ZSTD_f_zstd1_magicless.
    private const int Magicless = 1;

    private readonly ConcurrentBag<Compressor> compressors = [];
    private readonly ConcurrentBag<Decompressor> decompressors = [];

    public long Id { get; } = id;

    public string StateName { get; } = stateName;

    public byte[] Content { get; } = content;

    /// <summary>Compresses <paramref name="source"/> into <paramref name="destination"/>; false when it does not fit.</summary>
    public bool TryCompress(ReadOnlySpan<byte> source, Span<byte> destination, out int written)
    {
        if (!compressors.TryTake(out var compressor))
        {
            compressor = new Compressor(Level);
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_experimentalParam2, Magicless);
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_dictIDFlag, 0);
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_checksumFlag, 0);
            compressor.SetParameter(ZSTD_cParameter.ZSTD_c_contentSizeFlag, 0);
            compressor.LoadDictionary(Content);
        }

        try
        {
            return compressor.TryWrap(source, destination, out written);
        }
        finally
        {
            compressors.Add(compressor);
        }
    }

    /// <summary>Decompresses exactly <paramref name="destination"/>'s length of bytes; throws when the frame is damaged.</summary>
    public void Decompress(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (!decompressors.TryTake(out var decompressor))
        {
            decompressor = new Decompressor();
            decompressor.SetParameter(ZSTD_dParameter.ZSTD_d_experimentalParam1, Magicless);
            decompressor.LoadDictionary(Content);
        }

        var returned = false;
        try
        {
            int written;
            try
            {
                written = decompressor.Unwrap(source, destination);
            }
            catch (ZstdException error)
            {
                // A context that failed mid-frame is not reused.
                decompressor.Dispose();
                returned = true;
                throw new InvalidDataException(
                    $"A stored state compressed with dictionary {Id} ('{StateName}') is damaged.", error);
            }

            if (written != destination.Length)
            {
                throw new InvalidDataException(
                    $"A stored state compressed with dictionary {Id} ('{StateName}') has {written} bytes, not " +
                    $"the {destination.Length} its header claims.");
            }
        }
        finally
        {
            if (!returned)
            {
                decompressors.Add(decompressor);
            }
        }
    }

    public void Dispose()
    {
        while (compressors.TryTake(out var compressor))
        {
            compressor.Dispose();
        }

        while (decompressors.TryTake(out var decompressor))
        {
            decompressor.Dispose();
        }
    }
}
