namespace Registry.Grains.Indexing;

/// <summary>
/// An index partition's one load of its entries, made by the first call that needs them rather than in the grain's
/// activation: the runtime cancels an activation that outlasts its timeout and drops it while its work goes on, so at
/// national scale on a busy host a load during activation was abandoned, begun again by the next call, and the
/// abandoned one could still write behind the new one's back. A call is not cut short: its caller may time out with
/// 503 and ask again while the load goes on and answers the calls queued behind it; read-only calls that interleave
/// share the one load. A failed load is tried again by the next call. Used on the grain's scheduler only.
/// </summary>
public sealed class PartitionLoad
{
    private Task? loading;

    /// <summary>The entries are in memory: the grain's load said so (<see cref="Loaded"/>).</summary>
    public bool IsLoaded { get; private set; }

    /// <summary>A load was begun (it may still run, or have failed).</summary>
    public bool Begun => loading is not null;

    /// <summary>Called by the load once the entries are in memory.</summary>
    public void Loaded() => IsLoaded = true;

    /// <summary>The owner let its entries go (kept stored): the next call that needs them loads them again. Not while
    /// a load runs.</summary>
    public void Released()
    {
        if (loading is { IsCompleted: false })
        {
            throw new InvalidOperationException("A partition cannot let its entries go while it loads them.");
        }

        loading = null;
        IsLoaded = false;
    }

    /// <summary>Completes when the entries are in memory: at once when loaded, else with the load under way, or a new
    /// one of <paramref name="load"/> when none runs (none begun, or the last failed).</summary>
    public Task EnsureAsync(Func<Task> load)
    {
        if (IsLoaded)
        {
            return Task.CompletedTask;
        }

        if (loading is null || loading.IsFaulted || loading.IsCanceled)
        {
            loading = load();
        }

        return loading;
    }
}
