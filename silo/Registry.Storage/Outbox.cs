using System.Collections.Concurrent;

namespace Registry.Storage;

/// <summary>
/// Which state names feed a read model, and the wake-up of whoever relays them. A store given an outbox adds one row
/// (<see cref="OutboxEntry"/>) to its outbox table in the same transaction as every write of such a state, so a
/// committed change is never lost to its read models even if the process dies right after the write; the relay
/// (<c>OutboxRelay</c> in the silo) publishes the rows and acknowledges them. One per process, shared by the store
/// and the relay; thread-safe.
/// <para>
/// What a record's grain has published itself: a store that can tell the version it wrote (SQLite) notes it after the
/// commit (<see cref="Written"/>); a grain that has published its state right after such a write, index entry and
/// figures stored, says so (<see cref="Published"/>); and the relay acknowledges a row whose version this process has
/// seen published (<see cref="PublishedInline"/>) without asking the grain again. Only what happened in this process
/// counts: after a restart, for rows another process wrote, or when a grain's publication failed, the relay asks the
/// grain as before. Versions grow per record, and a grain publishes its whole state, so a later version published
/// covers every earlier row of the record. At most <see cref="MaxTracked"/> records are tracked at a time; beyond
/// that, rows are relayed the ordinary way.
/// </para>
/// </summary>
/// <param name="stateNames">The state names whose writes are outboxed.</param>
public sealed class Outbox(IEnumerable<string> stateNames)
{
    /// <summary>The most records whose written and published versions are tracked at once (a few MB).</summary>
    public const int MaxTracked = 65_536;

    private readonly object gate = new();
    private readonly ConcurrentDictionary<GrainStateKey, Versions> versions = new();
    private TaskCompletionSource signal = NewSignal();

    /// <summary>The state names whose writes are outboxed.</summary>
    public IReadOnlySet<string> StateNames { get; } = stateNames.ToHashSet(StringComparer.Ordinal);

    /// <summary>The state names whose grains say when they have published a write themselves (<see cref="Published"/>);
    /// only their written versions are tracked. None unless set.</summary>
    public IReadOnlySet<string> ReportedStateNames { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Whether a write of <paramref name="stateName"/> adds an outbox row.</summary>
    public bool Covers(string stateName) => StateNames.Contains(stateName);

    /// <summary>Called by a store after it committed a write that added an outbox row.</summary>
    public void Signal()
    {
        lock (gate)
        {
            signal.TrySetResult();
        }
    }

    /// <summary>Called by a store after it committed an outboxed write of <paramref name="key"/> as
    /// <paramref name="version"/> (before <see cref="Signal"/>).</summary>
    public void Written(GrainStateKey key, long version)
    {
        if (!ReportedStateNames.Contains(key.StateName)
            || (versions.Count >= MaxTracked && !versions.ContainsKey(key)))
        {
            return;
        }

        versions.AddOrUpdate(key, new Versions(version, 0),
            (_, known) => known with { Written = Math.Max(known.Written, version) });
    }

    /// <summary>
    /// Called by the grain of <paramref name="key"/> once its read models hold its state as it last wrote it in this
    /// process (its turns are serial, so no other write of the record came in between).
    /// </summary>
    public void Published(GrainStateKey key)
    {
        while (versions.TryGetValue(key, out var known) && known.Published < known.Written)
        {
            if (versions.TryUpdate(key, known with { Published = known.Written }, known))
            {
                return;
            }
        }
    }

    /// <summary>Whether the rows of <paramref name="key"/> up to <paramref name="version"/> were published by their
    /// grain in this process (see remarks).</summary>
    public bool PublishedInline(GrainStateKey key, long version) =>
        versions.TryGetValue(key, out var known) && known.Published >= version;

    /// <summary>Whether <paramref name="key"/> was written as <paramref name="version"/> (or later) in this process and
    /// its grain has not yet said it published that: the grain may be publishing right now.</summary>
    public bool AwaitsPublication(GrainStateKey key, long version) =>
        versions.TryGetValue(key, out var known) && known.Written >= version && known.Published < version;

    /// <summary>Called by the relay after it acknowledged the rows of <paramref name="key"/> up to
    /// <paramref name="version"/>: the record is no longer tracked unless a later version was written since.</summary>
    public void Acknowledged(GrainStateKey key, long version)
    {
        if (versions.TryGetValue(key, out var known) && known.Written <= version)
        {
            versions.TryRemove(new KeyValuePair<GrainStateKey, Versions>(key, known));
        }
    }

    /// <summary>
    /// Completes at the next <see cref="Signal"/>, or at once when one came since the previous wait completed: a
    /// write committed while the relay was busy is never missed.
    /// </summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        Task next;
        lock (gate)
        {
            next = signal.Task;
        }

        await next.WaitAsync(cancellationToken);
        lock (gate)
        {
            if (signal.Task.IsCompleted)
            {
                signal = NewSignal();
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly record struct Versions(long Written, long Published);
}

/// <summary>
/// One pending outbox row: the record <paramref name="Key"/> was written as <paramref name="Version"/>, and its read
/// models have not yet been told. <paramref name="Sequence"/> orders rows in commit order per record.
/// </summary>
public sealed record OutboxEntry(long Sequence, GrainStateKey Key, long Version);
