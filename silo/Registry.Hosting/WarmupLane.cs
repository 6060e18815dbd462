namespace Registry.Hosting;

/// <summary>
/// Where the loads that follow a start run: the organization index's partitions (<c>OrganizationIndexWarmup</c>) and
/// the API's copy of the place-name index, one partition at a time on one core fewer than the process has, whoever
/// started them. After a national restart they are some 15-20 CPU-seconds of reading and decoding stored snapshots;
/// run side by side they filled both cores of a 2-core machine and the first requests, health checks included, waited
/// seconds behind them.
/// <para>
/// A load that someone is waiting for (a search that arrived before its index was loaded) is <em>waited for</em>: it
/// no longer waits behind the other loads for a slot of the lane but runs among the waited-for loads, as many at once
/// as the process has cores, and no load that nobody waits for starts while one of them runs or waits (those already
/// running finish). The registrar waiting comes first; the background warm-up goes on after.
/// </para>
/// </summary>
public sealed class WarmupLane(int slots, int waitedForSlots)
{
    private readonly Lock gate = new();
    private readonly LinkedList<TaskCompletionSource<bool>> queued = [];
    private readonly Queue<TaskCompletionSource<bool>> waitedForQueued = [];
    private int free = slots;
    private int waitedForRunning;
    private int holds;

    /// <summary>A lane of one slot fewer than the process has cores (at least one); loads waited for run as many at
    /// once as it has cores.</summary>
    public WarmupLane() : this(Math.Max(1, Environment.ProcessorCount - 1), Environment.ProcessorCount)
    {
    }

    /// <summary>
    /// Runs <paramref name="load"/> once a slot is free and returns its result; at once (among the waited-for loads)
    /// when <paramref name="waitedFor"/> is signalled, before or while it waits for the slot.
    /// </summary>
    public async Task<T> RunExpeditableAsync<T>(Func<Task<T>> load, CancellationToken waitedFor,
        CancellationToken cancellationToken = default)
    {
        var slot = await EnterAsync(waitedFor, cancellationToken);
        try
        {
            return await load();
        }
        finally
        {
            Leave(slot);
        }
    }

    /// <summary>Runs <paramref name="load"/> once a slot is free and returns its result.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> load, CancellationToken cancellationToken = default) =>
        RunExpeditableAsync(load, CancellationToken.None, cancellationToken);

    /// <inheritdoc cref="RunAsync{T}(Func{Task{T}}, CancellationToken)"/>
    public Task RunAsync(Func<Task> load, CancellationToken cancellationToken = default) =>
        RunExpeditableAsync(async () =>
        {
            await load();
            return true;
        }, CancellationToken.None, cancellationToken);

    /// <summary>
    /// While <paramref name="waitedFor"/> is signalled and until disposed, no load that nobody waits for starts, as
    /// while a waited-for load runs: for a load made of steps run one after another in the lane (the place-name copy's
    /// partitions, then their join), so the warm-up does not start one of its own in the moment between two steps that
    /// someone waits for. Takes no slot.
    /// </summary>
    public IDisposable HoldWhileWaitedFor(CancellationToken waitedFor) => new Hold(this, waitedFor);

    private sealed class Hold : IDisposable
    {
        private readonly WarmupLane lane;
        private readonly CancellationTokenRegistration registration;
        private bool counted;
        private bool disposed;

        public Hold(WarmupLane lane, CancellationToken waitedFor)
        {
            this.lane = lane;
            registration = waitedFor.Register(() =>
            {
                lock (lane.gate)
                {
                    if (!disposed)
                    {
                        counted = true;
                        lane.holds++;
                    }
                }
            });
        }

        public void Dispose()
        {
            // Waits for a callback already running; none runs after it.
            registration.Dispose();
            lock (lane.gate)
            {
                if (disposed)
                {
                    return;
                }

                disposed = true;
                if (counted)
                {
                    lane.holds--;
                    lane.Admit();
                }
            }
        }
    }

    /// <summary>True once it holds a slot of the lane, false once it runs as a waited-for load. Cancelled while it
    /// waits in either queue; an entry cancelled in the waited-for queue is skipped when its turn comes.</summary>
    private async Task<bool> EnterAsync(CancellationToken waitedFor, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var entered = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        LinkedListNode<TaskCompletionSource<bool>>? node = null;
        lock (gate)
        {
            if (waitedFor.IsCancellationRequested)
            {
                waitedForQueued.Enqueue(entered);
            }
            else
            {
                node = queued.AddLast(entered);
            }

            Admit();
        }

        await using var toWaitedFor = node is null ? default : waitedFor.Register(() =>
        {
            lock (gate)
            {
                if (node.List is not null)
                {
                    queued.Remove(node);
                    waitedForQueued.Enqueue(entered);
                    Admit();
                }
            }
        });
        await using var toCancel = cancellationToken.Register(() =>
        {
            lock (gate)
            {
                if (node?.List is not null)
                {
                    queued.Remove(node);
                }

                // Fails once it was admitted: the load then runs.
                entered.TrySetCanceled(cancellationToken);
            }
        });
        return await entered.Task;
    }

    private void Leave(bool slot)
    {
        lock (gate)
        {
            if (slot)
            {
                free++;
            }
            else
            {
                waitedForRunning--;
            }

            Admit();
        }
    }

    /// <summary>Starts what may start: waited-for loads first, the others only while none is running or waiting and
    /// no hold is signalled. Called under the gate; the entered loads continue on the thread pool.</summary>
    private void Admit()
    {
        while (waitedForRunning < waitedForSlots && waitedForQueued.TryDequeue(out var next))
        {
            if (next.TrySetResult(false))
            {
                waitedForRunning++;
            }
        }

        while (free > 0 && waitedForRunning == 0 && waitedForQueued.Count == 0 && holds == 0
               && queued.First is { } first)
        {
            queued.RemoveFirst();
            free--;
            first.Value.TrySetResult(true);
        }
    }
}
