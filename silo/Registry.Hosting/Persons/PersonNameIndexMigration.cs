using System.Text.Json;
using System.Text.RegularExpressions;
using Orleans.Runtime;
using Registry.Abstractions.Persons;
using Registry.Grains;
using Registry.Grains.Publishing;
using Registry.Storage;

namespace Registry.Hosting.Persons;

/// <summary>
/// Moves the person-name index of earlier builds, whose sixteen partitions of a name held documents by a hash
/// (<see cref="PersonNameEntry.EarlierPartitionKeysOf"/>), into the partitions by page key
/// (<see cref="PersonNameEntry.PartitionKeyOf"/>), so that a search reads only as far as its page reaches. Name by
/// name: what the name's partitions of either layout hold is laid out anew (<see cref="PartitionSplits.Layout"/>),
/// written, and only then are the earlier partitions removed, so a crash leaves every entry in one layout or both
/// and a rerun ends the move. Part of <c>migrate-storage</c>; silos stopped.
/// </summary>
public static partial class PersonNameIndexMigration
{
    /// <summary>Moves every name still kept in the earlier layout; returns how many names and how many of their
    /// records' entries were moved.</summary>
    public static async Task<(int Names, int Entries)> MoveAsync(IGrainStateStore store,
        CancellationToken cancellationToken = default)
    {
        // The names first (keys only, a page at a time), then each name's partitions by their key range.
        var names = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (var key in store.ListKeysAsync(StorageNames.PersonNameIndex, cancellationToken))
        {
            if (NameOf(key.GrainId, EarlierKey()) is { } name)
            {
                names.Add(name);
            }
        }

        // Several names at once: their writes share the store's commits (SQLite's group commit).
        var entries = 0;
        await Parallel.ForEachAsync(names,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (name, ct) => Interlocked.Add(ref entries, await MoveNameAsync(store, name, ct)));
        return (names.Count, entries);
    }

    private static async Task<int> MoveNameAsync(IGrainStateStore store, string name,
        CancellationToken cancellationToken)
    {
        // Only this name's rows: a prefix also reaches names that continue with '#' or '@'.
        var earlier = (await store.ReadPrefixAsync(StorageNames.PersonNameIndex, GrainIdOf(name + "#"),
                cancellationToken))
            .Where(row => NameOf(row.Key.GrainId, EarlierKey()) == name).ToList();
        var current = (await store.ReadPrefixAsync(StorageNames.PersonNameIndex, GrainIdOf(name + "@"),
                cancellationToken))
            .Where(row => NameOf(row.Key.GrainId, PageKey()) == name).ToList();

        // What either layout holds, as a reader reaches it from the name's partitions (a split's children, not the
        // copies a split cut short left beside an unsplit partition).
        var entries = EntriesOf(PersonNameEntry.EarlierPartitionKeysOf(name), earlier)
            .Concat(EntriesOf(PersonNameEntry.PartitionKeysOf(name), current))
            .Distinct()
            .ToList();
        var laidOut = entries
            .GroupBy(entry => entry.Entry.PartitionKey, StringComparer.Ordinal)
            .SelectMany(share => PartitionSplits.Layout(share.Key, share
                .GroupBy(entry => entry.Record, StringComparer.Ordinal)
                .ToDictionary(record => record.Key, record => record.Select(e => e.Entry).ToList(),
                    StringComparer.Ordinal)))
            .ToList();

        // Children before their parents, deepest first: a parent marked split is never stored before its children
        // (a crash between them would hide entries that only the page layout held).
        var etags = current.ToDictionary(row => row.Key.GrainId, row => row.State.ETag, StringComparer.Ordinal);
        foreach (var depth in laidOut.GroupBy(p => p.Key.Count(c => c == '.')).OrderByDescending(d => d.Key))
        {
            await Task.WhenAll(depth.Select(p => store.WriteAsync(
                new GrainStateKey(StorageNames.PersonNameIndex, GrainIdOf(p.Key)),
                etags.GetValueOrDefault(GrainIdOf(p.Key)), JsonSerializer.Serialize(p.State, RegistryJson.StateOptions),
                cancellationToken)));
        }

        // Then the partitions of the page layout that the layout no longer has, and the earlier layout's.
        var written = laidOut.Select(p => GrainIdOf(p.Key)).ToHashSet(StringComparer.Ordinal);
        await Task.WhenAll(current.Where(row => !written.Contains(row.Key.GrainId)).Concat(earlier)
            .Select(row => store.ClearAsync(row.Key, row.State.ETag, cancellationToken)));
        return entries.Count;
    }

    /// <summary>Each entry reached from <paramref name="roots"/> among <paramref name="rows"/>, with its record's key.</summary>
    private static IEnumerable<(string Record, PersonNameEntry Entry)> EntriesOf(IEnumerable<string> roots,
        IReadOnlyList<StoredRecord> rows)
    {
        var byId = rows.ToDictionary(row => row.Key.GrainId,
            row => JsonSerializer.Deserialize<RecordEntriesState<PersonNameEntry>>(row.State.Utf8Json.Span,
                RegistryJson.StateOptions) ?? new RecordEntriesState<PersonNameEntry>(),
            StringComparer.Ordinal);
        return roots.SelectMany(root => PartitionSplits.EntriesOf(root, key => byId.GetValueOrDefault(GrainIdOf(key)),
            partition => partition.Split,
            partition => partition.ByRecord.SelectMany(r => r.Value.Select(entry => (r.Key, entry)))));
    }

    /// <summary>The name whose partition (or a split's child) <paramref name="grainId"/> is in the layout
    /// <paramref name="pattern"/> matches; null for another layout's.</summary>
    private static string? NameOf(string grainId, Regex pattern)
    {
        var prefix = StorageNames.PersonNameIndex + "/";
        if (!grainId.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var match = pattern.Match(grainId, prefix.Length);
        return match.Success ? match.Groups["name"].Value : null;
    }

    // {name}#{0-15} and its children's .{0-15} suffixes: the earlier layout.
    [GeneratedRegex(@"\G(?<name>.*)#(?:1[0-5]|[0-9])(?:\.(?:1[0-5]|[0-9]))*$", RegexOptions.Singleline)]
    private static partial Regex EarlierKey();

    // {name}@{0-f} and its children's: the layout by page key.
    [GeneratedRegex(@"\G(?<name>.*)@[0-9a-f](?:\.(?:1[0-5]|[0-9]))*$", RegexOptions.Singleline)]
    private static partial Regex PageKey();

    private static string GrainIdOf(string key) => GrainId.Create(StorageNames.PersonNameIndex, key).ToString();
}
