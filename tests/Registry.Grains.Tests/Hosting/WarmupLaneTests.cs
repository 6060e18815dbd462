using Registry.Hosting;

namespace Registry.Grains.Tests.Hosting;

public sealed class WarmupLaneTests
{
    [Fact]
    public async Task A_load_waits_while_the_lane_is_full_and_starts_when_a_slot_frees()
    {
        using var lane = new WarmupLane(1);
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
        using var lane = new WarmupLane(1);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            lane.RunAsync(() => Task.FromException(new InvalidOperationException("damaged snapshot"))));

        Assert.Equal(7, await lane.RunAsync(() => Task.FromResult(7)));
    }

    [Fact]
    public async Task A_load_still_waiting_for_a_slot_is_cancelled_without_running()
    {
        using var lane = new WarmupLane(1);
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
}
