using System.Collections.Concurrent;
using Orleans.Runtime;

namespace Registry.Grains.Tests.Organizations;

/// <summary>
/// Told by the silo's activation working set of every activation that has finished deactivating, so a test can await
/// a grain's release as an event instead of polling the silo's statistics until a deadline.
/// </summary>
public sealed class DeactivationWitness : IActivationWorkingSetObserver
{
    private readonly ConcurrentDictionary<GrainId, TaskCompletionSource> deactivated = new();

    /// <summary>Completes once every grain of <paramref name="grains"/> has deactivated on this silo (at any time
    /// since it started).</summary>
    public Task AllDeactivatedAsync(IEnumerable<GrainId> grains) =>
        Task.WhenAll(grains.Select(grain => Signal(grain).Task));

    /// <summary>Completes at the first deactivation of <paramref name="grain"/> on this silo after this call (ask before
    /// whatever activates it again).</summary>
    public Task NextDeactivationAsync(GrainId grain)
    {
        var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        deactivated[grain] = next;
        return next.Task;
    }

    void IActivationWorkingSetObserver.OnDeactivated(IActivationWorkingSetMember member)
    {
        if (member is IGrainContext context)
        {
            Signal(context.GrainId).TrySetResult();
        }
    }

    private TaskCompletionSource Signal(GrainId grain) =>
        deactivated.GetOrAdd(grain, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
