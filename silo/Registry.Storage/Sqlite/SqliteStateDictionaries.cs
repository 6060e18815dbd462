using System.Collections.Concurrent;

namespace Registry.Storage.Sqlite;

/// <summary>
/// The compression dictionaries of one SQLite store: every one stored (by id, for reading any value) and the newest
/// of each state name (for writing), and when a state name without one has been written often enough to train one.
/// </summary>
/// <remarks>Thread-safe. A dictionary this process has not loaded yet (trained by another process sharing the file)
/// is loaded from the database when a value names it.</remarks>
/// <param name="load">Reads dictionary <c>id</c> from the database; null when there is none.</param>
internal sealed class SqliteStateDictionaries(Func<long, SqliteStateDictionary?> load) : IDisposable
{
    private readonly ConcurrentDictionary<long, SqliteStateDictionary> byId = new();
    private readonly ConcurrentDictionary<string, SqliteStateDictionary> newest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> writesWithout = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> recentKeys = new(StringComparer.Ordinal);

    /// <summary>The dictionary new states of <paramref name="stateName"/> are compressed with; null when none.</summary>
    public SqliteStateDictionary? For(string stateName) => newest.GetValueOrDefault(stateName);

    /// <summary>Dictionary <paramref name="id"/>, loaded from the database the first time.</summary>
    /// <exception cref="InvalidDataException">No such dictionary is stored.</exception>
    public SqliteStateDictionary Get(long id)
    {
        if (byId.TryGetValue(id, out var dictionary))
        {
            return dictionary;
        }

        var loaded = load(id) ?? throw new InvalidDataException(
            $"A stored state needs compression dictionary {id}, which the database does not hold.");
        Add(loaded);
        return byId[id];
    }

    /// <summary>Makes <paramref name="dictionary"/> known, and the one of its state name when it is the newest.</summary>
    public void Add(SqliteStateDictionary dictionary)
    {
        var known = byId.GetOrAdd(dictionary.Id, dictionary);
        if (!ReferenceEquals(known, dictionary))
        {
            dictionary.Dispose();
        }

        newest.AddOrUpdate(known.StateName, known, (_, old) => known.Id > old.Id ? known : old);
        recentKeys.TryRemove(known.StateName, out _);
    }

    /// <summary>
    /// Counts a write of <paramref name="stateName"/> stored without a dictionary; true exactly when it is write
    /// number <paramref name="trainAfterWrites"/>, after which a dictionary should be trained (once, until
    /// <see cref="TrainingFailed"/> starts the count again).
    /// </summary>
    /// <param name="stateName">The state name written.</param>
    /// <param name="grainId">The record written: the latest <paramref name="keep"/> written are the samples a
    /// dictionary is trained from (those being written now, so it fits what is written next).</param>
    /// <param name="trainAfterWrites">Writes after which to train.</param>
    /// <param name="keep">How many of the latest written keys to keep.</param>
    public bool CountWrite(string stateName, string grainId, int trainAfterWrites, int keep)
    {
        if (newest.ContainsKey(stateName))
        {
            return false;
        }

        var keys = recentKeys.GetOrAdd(stateName, _ => new ConcurrentQueue<string>());
        keys.Enqueue(grainId);
        while (keys.Count > keep && keys.TryDequeue(out _))
        {
        }

        return writesWithout.AddOrUpdate(stateName, 1, (_, count) => count + 1) == trainAfterWrites;
    }

    /// <summary>The distinct records of <paramref name="stateName"/> written lately without a dictionary.</summary>
    public IReadOnlyList<string> RecentKeys(string stateName) =>
        recentKeys.TryGetValue(stateName, out var keys) ? keys.Distinct(StringComparer.Ordinal).ToList() : [];

    /// <summary>The training for <paramref name="stateName"/> made nothing (too few states yet): counts anew.</summary>
    public void TrainingFailed(string stateName) => writesWithout[stateName] = 0;

    public void Dispose()
    {
        foreach (var dictionary in byId.Values)
        {
            dictionary.Dispose();
        }

        byId.Clear();
        newest.Clear();
    }
}
