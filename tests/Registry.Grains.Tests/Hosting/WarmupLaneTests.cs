using Registry.Hosting;

namespace Registry.Grains.Tests.Hosting;

public sealed class WarmupLaneTests
{
    [Fact]
    public async Task A_load_waits_while_the_lane_is_full_and_starts_when_a_slot_frees()
    {
        var lane = new WarmupLane(1, 2);
        var firstGoesOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = lane.RunAsync(() => firstGoesOn.Task);
        var second = lane.RunAsync(() =>
        {
            secondStarted.SetResult();
            return Task.FromResult(2);
        });

        Assert.False(secondStarted.Task.IsCompleted);
        Assert.False(second.IsCompleted);
        firstGoesOn.SetResult();
        await first;
        Assert.Equal(2, await second);
        Assert.True(secondStarted.Task.IsCompleted);
    }

    [Fact]
    public async Task A_failed_load_frees_its_slot()
    {
        var lane = new WarmupLane(1, 2);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            lane.RunAsync(() => Task.FromException(new InvalidOperationException("damaged snapshot"))));

        Assert.Equal(7, await lane.RunAsync(() => Task.FromResult(7)));
    }

    [Fact]
    public async Task A_load_still_waiting_for_a_slot_is_cancelled_without_running()
    {
        var lane = new WarmupLane(1, 2);
        var firstGoesOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = lane.RunAsync(() => firstGoesOn.Task);
        using var stopping = new CancellationTokenSource();
        var ran = false;
        var waiting = lane.RunAsync(() =>
        {
            ran = true;
            return Task.CompletedTask;
        }, stopping.Token);

        await stopping.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        firstGoesOn.SetResult();
        await first;
        Assert.False(ran);
    }

    [Fact]
    public async Task A_queued_load_runs_at_once_when_someone_waits_for_it_and_the_warm_up_waits_behind_it()
    {
        var lane = new WarmupLane(1, 2);
        var firstGoesOn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = lane.RunAsync(() => firstGoesOn.Task);
        var (warmUp, warmUpStarted) = QueueWarmUp(lane);
        using var searchWaits = new CancellationTokenSource();
        var searchedGoesOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var searchedStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var searched = lane.RunExpeditableAsync(() =>
        {
            searchedStarted.SetResult();
            return searchedGoesOn.Task;
        }, searchWaits.Token);

        Assert.False(searchedStarted.Task.IsCompleted);
        await searchWaits.CancelAsync();
        // Started although the lane's one slot is still held by the first load (bounded: a lane that kept it queued
        // fails here instead of hanging the run).
        await searchedStarted.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.False(first.IsCompleted);

        // The slot freed while the waited-for load runs: the warm-up queued before it still waits.
        firstGoesOn.SetResult();
        await first;
        Assert.False(warmUpStarted.Task.IsCompleted);

        searchedGoesOn.SetResult(5);
        Assert.Equal(5, await searched);
        await warmUp;
        Assert.True(warmUpStarted.Task.IsCompleted);
    }

    [Fact]
    public async Task Waited_for_loads_run_as_many_at_once_as_their_slots_and_the_next_when_one_ends()
    {
        var lane = new WarmupLane(1, 2);
        using var searchWaits = new CancellationTokenSource();
        await searchWaits.CancelAsync();
        var goOn = Enumerable.Range(0, 3)
            .Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var started = Enumerable.Range(0, 3)
            .Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var loads = Enumerable.Range(0, 3).Select(i => lane.RunExpeditableAsync(async () =>
        {
            started[i].SetResult();
            await goOn[i].Task;
            return i;
        }, searchWaits.Token)).ToArray();

        await started[0].Task.WaitAsync(TimeSpan.FromMinutes(1));
        await started[1].Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.False(started[2].Task.IsCompleted);

        goOn[1].SetResult();
        Assert.Equal(1, await loads[1]);
        await started[2].Task.WaitAsync(TimeSpan.FromMinutes(1));
        goOn[0].SetResult();
        goOn[2].SetResult();
        var results = await Task.WhenAll(loads);
        Assert.Equal([0, 1, 2], results);
    }

    [Fact]
    public async Task A_waited_for_load_still_waiting_for_its_slot_is_cancelled_without_running_and_takes_no_slot()
    {
        var lane = new WarmupLane(1, 1);
        using var searchWaits = new CancellationTokenSource();
        await searchWaits.CancelAsync();
        var firstGoesOn = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = lane.RunExpeditableAsync(() => firstGoesOn.Task, searchWaits.Token);
        using var stopping = new CancellationTokenSource();
        var ran = false;
        var cancelled = lane.RunExpeditableAsync(() =>
        {
            ran = true;
            return Task.FromResult(0);
        }, searchWaits.Token, stopping.Token);
        var nextStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var next = lane.RunExpeditableAsync(() =>
        {
            nextStarted.SetResult();
            return Task.FromResult(3);
        }, searchWaits.Token);

        await stopping.CancelAsync();
        // Bounded: a lane that kept it queued fails here (a timeout is not a cancellation) instead of hanging.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(TimeSpan.FromMinutes(1)));
        firstGoesOn.SetResult(1);
        Assert.Equal(1, await first);

        // The slot went to the next load, not to the cancelled one.
        await nextStarted.Task.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(3, await next);
        Assert.False(ran);
    }

    [Fact]
    public async Task A_signalled_hold_keeps_the_warm_up_from_starting_between_two_waited_for_steps_until_disposed()
    {
        var lane = new WarmupLane(1, 2);
        using var searchWaits = new CancellationTokenSource();
        var hold = lane.HoldWhileWaitedFor(searchWaits.Token);
        await searchWaits.CancelAsync();
        var firstStep = lane.RunExpeditableAsync(() => Task.FromResult(1), searchWaits.Token);
        Assert.Equal(1, await firstStep);

        // Between the steps: nothing runs and nothing waits for the waited-for slots, yet the warm-up stays queued.
        var (warmUp, warmUpStarted) = QueueWarmUp(lane);
        Assert.False(warmUpStarted.Task.IsCompleted);
        Assert.Equal(2, await lane.RunExpeditableAsync(() => Task.FromResult(2), searchWaits.Token));
        Assert.False(warmUpStarted.Task.IsCompleted);

        hold.Dispose();
        // Bounded: a hold that did not let the lane go fails here instead of hanging the run.
        await warmUp.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(warmUpStarted.Task.IsCompleted);
    }

    [Fact]
    public async Task A_hold_nobody_signalled_keeps_nothing_from_starting()
    {
        var lane = new WarmupLane(1, 2);
        using var searchWaits = new CancellationTokenSource();
        using var hold = lane.HoldWhileWaitedFor(searchWaits.Token);

        Assert.Equal(3, await lane.RunAsync(() => Task.FromResult(3)).WaitAsync(TimeSpan.FromMinutes(1)));
    }

    /// <summary>A warm-up load queued in <paramref name="lane"/> that does nothing but say it started.</summary>
    private static (Task Load, TaskCompletionSource Started) QueueWarmUp(WarmupLane lane)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var load = lane.RunAsync(() =>
        {
            started.SetResult();
            return Task.CompletedTask;
        });
        return (load, started);
    }
}
