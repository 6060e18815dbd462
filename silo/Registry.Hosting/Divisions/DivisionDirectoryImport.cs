using System.Text.Json;
using Registry.Grains;
using Registry.Grains.Divisions;
using Registry.Storage;

namespace Registry.Hosting.Divisions;

/// <summary>
/// The division seeder's side of the directory: puts the entries of the divisions an import wrote into the
/// directory's stored parts (<see cref="DivisionDirectoryPartState"/>) and the parts into the directory's list
/// (<see cref="DivisionDirectoryState"/>), through the same rules the grains apply (<see cref="DivisionDirectory"/>),
/// writing only the parts that change. Like the seeder, runs while no silo serves the records. Idempotent: run again
/// after an interrupted import, it writes what is still missing.
/// </summary>
public sealed class DivisionDirectoryImport(ISeedStore store)
{
    // Parts read and written at once (each a request on Azure Table).
    private const int Parallelism = 16;

    /// <summary>Puts each division's entry into its part; returns how many parts were written.</summary>
    public async Task<int> PutAsync(IEnumerable<DivisionState> states, CancellationToken cancellationToken = default)
    {
        var byPart = states.Where(state => state.Code.Length > 0)
            .GroupBy(state => DivisionDirectory.PartOf(state.Code), StringComparer.Ordinal)
            .ToList();
        // The list first, as the part grains do: a part stored but not listed would never be asked.
        await UpdateAsync<DivisionDirectoryState>(RootKey,
            directory => byPart.Count(part => directory.Add(part.Key)) > 0, cancellationToken);
        var written = 0;
        await Parallel.ForEachAsync(byPart,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (part, ct) =>
            {
                var entries = part.Select(DivisionDirectory.EntryOf).ToList();
                if (await UpdateAsync<DivisionDirectoryPartState>(PartKey(part.Key),
                        stored => entries.Count(entry => stored.Put(entry)) > 0, ct))
                {
                    Interlocked.Increment(ref written);
                }
            });
        return written;
    }

    /// <summary>The code of every division the directory's stored parts hold.</summary>
    public async Task<IReadOnlyList<string>> CodesAsync(CancellationToken cancellationToken = default)
    {
        var root = await store.ReadAsync(RootKey, cancellationToken);
        if (root is null)
        {
            return [];
        }

        var codes = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Parallel.ForEachAsync(Deserialize<DivisionDirectoryState>(root.StateJson).Parts,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (part, ct) =>
            {
                if (await store.ReadAsync(PartKey(part), ct) is { } stored)
                {
                    foreach (var code in Deserialize<DivisionDirectoryPartState>(stored.StateJson).Entries.Keys)
                    {
                        codes.Add(code);
                    }
                }
            });
        return [.. codes];
    }

    /// <summary>
    /// Reads a state, applies <paramref name="change"/> and writes it when that changed something; whether it did.
    /// Another silo seeding the same store at once (a cluster's first start) may write between the read and the
    /// write: the change is then applied again to what that one stored.
    /// </summary>
    private async Task<bool> UpdateAsync<T>(GrainStateKey key, Func<T, bool> change,
        CancellationToken cancellationToken) where T : new()
    {
        while (true)
        {
            var stored = await store.ReadAsync(key, cancellationToken);
            var state = stored is null ? new T() : Deserialize<T>(stored.StateJson);
            if (!change(state))
            {
                return false;
            }

            try
            {
                await store.WriteAsync(key, stored?.ETag, Serialize(state), cancellationToken);
                return true;
            }
            catch (Orleans.Storage.InconsistentStateException)
            {
            }
        }
    }

    /// <summary>The storage key of the directory's list of parts.</summary>
    public static GrainStateKey RootKey { get; } = new(StorageNames.DivisionDirectory,
        GrainId.Create(StorageNames.DivisionDirectory, DivisionDirectory.Key).ToString());

    /// <summary>The storage key of one part.</summary>
    public static GrainStateKey PartKey(string part) => new(StorageNames.DivisionDirectoryPart,
        GrainId.Create(StorageNames.DivisionDirectoryPart, part).ToString());

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, RegistryJson.StateOptions)!;

    private static string Serialize<T>(T state) => JsonSerializer.Serialize(state, RegistryJson.StateOptions);
}
