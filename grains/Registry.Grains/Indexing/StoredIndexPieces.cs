using System.Globalization;
using Orleans.Storage;
using Registry.Grains.Storage;

namespace Registry.Grains.Indexing;

/// <summary>
/// The persisted documents of one index partition, split into a fixed number of pieces by a hash of the document key,
/// each stored as its own grain state (state name <paramref name="stateName"/>, grain id
/// <c>{pieceType}/{partition}.{piece}</c>) through the silo's grain storage, so it works on every backend, scans or
/// not. Loading reads the partition's pieces in one range query where <paramref name="records"/> can
/// (<see cref="IStoredRecords.ReadPrefixAsync{T}"/>: every backend for the ids the Registry uses), else exactly
/// <paramref name="pieceCount"/> states by key; never a scan. Putting a document rewrites
/// the one piece it hashes to, after which the change is durable; a failed write leaves memory as it was. Owned by
/// one grain activation; not thread-safe.
/// </summary>
public sealed class StoredIndexPieces<TDoc>(
    IGrainStorage storage,
    string stateName,
    string pieceType,
    string partition,
    int pieceCount,
    Func<string, int> pieceOf,
    IStoredRecords records)
    where TDoc : class
{
    /// <summary>A partition numbered rather than named (its pieces' ids use the number's invariant digits).</summary>
    public StoredIndexPieces(IGrainStorage storage, string stateName, string pieceType, long partition, int pieceCount,
        Func<string, int> pieceOf, IStoredRecords records)
        : this(storage, stateName, pieceType, partition.ToString(CultureInfo.InvariantCulture),
            pieceCount, pieceOf, records)
    {
    }

    private readonly GrainState<IndexPieceState<TDoc>>?[] pieces = new GrainState<IndexPieceState<TDoc>>?[pieceCount];

    /// <summary>How many pieces the partition is split into.</summary>
    public int PieceCount => pieceCount;

    /// <summary>Reads every piece (in one query where the storage can, else in parallel) and returns their documents.</summary>
    public async Task<IReadOnlyList<KeyValuePair<string, TDoc>>> LoadAsync()
    {
        await ReadAllAsync();
        return pieces.SelectMany(p => p!.State!.Entries).ToList();
    }

    /// <summary>
    /// Reads the given pieces by key (in parallel) and returns their documents: a partition that starts from a
    /// snapshot of its own catches up with the pieces written since, without reading the others.
    /// </summary>
    public async Task<IReadOnlyList<KeyValuePair<string, TDoc>>> LoadPiecesAsync(IReadOnlyCollection<int> indexes)
    {
        await Task.WhenAll(indexes.Distinct().Select(ReadAsync));
        return indexes.Distinct().SelectMany(i => pieces[i]!.State!.Entries).ToList();
    }

    /// <summary>Stores <paramref name="doc"/> under <paramref name="key"/> in its piece; durable on return.</summary>
    public async Task PutAsync(string key, TDoc doc)
    {
        var piece = await PieceAsync(pieceOf(key));
        var had = piece.State!.Entries.TryGetValue(key, out var previous);
        piece.State!.Entries[key] = doc;
        try
        {
            await storage.WriteStateAsync(stateName, IdOf(pieceOf(key)), piece);
        }
        catch
        {
            if (had)
            {
                piece.State!.Entries[key] = previous!;
            }
            else
            {
                piece.State!.Entries.Remove(key);
            }

            throw;
        }
    }

    /// <summary>
    /// Stores several documents, each under its key, writing every piece they touch once (a batch: several keys of one
    /// piece cost one write); durable on return. A failed write throws with the documents set in memory: the owner
    /// is expected to load the pieces again (a new activation) rather than go on from there.
    /// </summary>
    public async Task PutManyAsync(IEnumerable<KeyValuePair<string, TDoc>> docs)
    {
        var touched = new SortedSet<int>();
        foreach (var (key, doc) in docs)
        {
            var index = pieceOf(key);
            var piece = await PieceAsync(index);
            piece.State!.Entries[key] = doc;
            touched.Add(index);
        }

        // In parallel: a store that commits in groups takes them in one commit.
        await Task.WhenAll(touched.Select(index => storage.WriteStateAsync(stateName, IdOf(index), pieces[index]!)));
    }

    /// <summary>
    /// Replaces every piece with the given documents (a rebuild): each stored piece is written, also when it becomes
    /// empty, so nothing of an earlier content survives.
    /// </summary>
    public async Task ReplaceAllAsync(IEnumerable<KeyValuePair<string, TDoc>> docs)
    {
        await ReadAllAsync();
        foreach (var piece in pieces)
        {
            piece!.State!.Entries.Clear();
        }

        foreach (var (key, doc) in docs)
        {
            pieces[pieceOf(key)]!.State!.Entries[key] = doc;
        }

        for (var i = 0; i < pieceCount; i++)
        {
            // A piece never stored and still empty needs no write: a fresh partition starts with none.
            if (pieces[i]!.State!.Entries.Count > 0 || pieces[i]!.RecordExists)
            {
                await storage.WriteStateAsync(stateName, IdOf(i), pieces[i]!);
            }
        }
    }

    /// <summary>
    /// Removes every stored piece of this layout from storage (a layout the partition has moved away from) and
    /// returns how many were stored. A piece of a layout with more pieces, stored under the same type, is left as a
    /// read by key would leave it.
    /// </summary>
    public async Task<int> RemoveAllAsync()
    {
        await ReadAllAsync();
        var removed = 0;
        for (var i = 0; i < pieceCount; i++)
        {
            if (pieces[i]!.RecordExists)
            {
                await storage.ClearStateAsync(stateName, IdOf(i), pieces[i]!);
                removed++;
            }

            pieces[i] = null;
        }

        return removed;
    }

    private async Task<GrainState<IndexPieceState<TDoc>>> PieceAsync(int index)
    {
        if (pieces[index] is null)
        {
            await ReadAsync(index);
        }

        return pieces[index]!;
    }

    /// <summary>
    /// Reads every piece: in one range query over the ids <c>{pieceType}/{partition}.</c> where the storage can (a
    /// piece not found is empty and not stored yet, as a read by key would say), else each by key, in parallel.
    /// </summary>
    private async Task ReadAllAsync()
    {
        var prefix = GrainId.Create(pieceType, partition + ".").ToString();
        if (await records.ReadPrefixAsync<IndexPieceState<TDoc>>(stateName, prefix) is not { } stored)
        {
            await Task.WhenAll(Enumerable.Range(0, pieceCount).Select(ReadAsync));
            return;
        }

        Array.Clear(pieces);
        foreach (var piece in stored)
        {
            // A piece beyond the count (written with another layout) is not this layout's: left alone, as by-key
            // reads would leave it.
            if (int.TryParse(piece.GrainId.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture,
                    out var index) && index < pieceCount)
            {
                pieces[index] = new GrainState<IndexPieceState<TDoc>>(piece.State ?? new IndexPieceState<TDoc>())
                {
                    ETag = piece.ETag,
                    RecordExists = true,
                };
            }
        }

        for (var i = 0; i < pieceCount; i++)
        {
            pieces[i] ??= new GrainState<IndexPieceState<TDoc>>(new IndexPieceState<TDoc>());
        }
    }

    private async Task ReadAsync(int index)
    {
        var piece = new GrainState<IndexPieceState<TDoc>>(new IndexPieceState<TDoc>());
        await storage.ReadStateAsync(stateName, IdOf(index), piece);
        piece.State ??= new IndexPieceState<TDoc>();
        pieces[index] = piece;
    }

    private GrainId IdOf(int piece) => GrainId.Create(pieceType, $"{partition}.{piece}");
}
