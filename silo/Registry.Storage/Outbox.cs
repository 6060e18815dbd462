namespace Registry.Storage;

/// <summary>
/// Which state names feed a read model, and the wake-up of whoever relays them. A store given an outbox adds one row
/// (<see cref="OutboxEntry"/>) to its outbox table in the same transaction as every write of such a state, so a
/// committed change is never lost to its read models even if the process dies right after the write; the relay
/// (<c>OutboxRelay</c> in the silo) publishes the rows and acknowledges them. One per process, shared by the store
/// and the relay; thread-safe.
/// </summary>
/// <param name="stateNames">The state names whose writes are outboxed.</param>
public sealed class Outbox(IEnumerable<string> stateNames)
{
    private readonly object gate = new();
    private TaskCompletionSource signal = NewSignal();

    /// <summary>The state names whose writes are outboxed.</summary>
    public IReadOnlySet<string> StateNames { get; } = stateNames.ToHashSet(StringComparer.Ordinal);

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
}

/// <summary>
/// One pending outbox row: the record <paramref name="Key"/> was written as <paramref name="Version"/>, and its read
/// models have not yet been told. <paramref name="Sequence"/> orders rows in commit order per record.
/// </summary>
public sealed record OutboxEntry(long Sequence, GrainStateKey Key, long Version);
