using Registry.Abstractions.Organizations;

namespace Registry.Grains.Tests.Organizations;

[Collection(OrganizationClusterCollection.Name)]
public sealed class OrganizationImportJobGrainTests(OrganizationClusterFixture fixture)
{
    private IOrganizationImportJobGrain NewJob() =>
        fixture.Grains.GetGrain<IOrganizationImportJobGrain>(Guid.NewGuid().ToString("N"));

    private static OrganizationImportProgress Progress(long rows) =>
        new(rows, rows, 0, 0, new Dictionary<string, long>(), []);

    [Fact]
    public async Task GetAsync_RunningJobNotHeardFromPastItsLease_IsInterrupted_AndSaysHowToResume()
    {
        var job = NewJob();
        await job.StartAsync("register.csv");
        await job.ReportAsync(Progress(5_000));

        fixture.Time.Advance(OrganizationImportJobDetails.Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(OrganizationImportJobStatus.Running, (await job.GetAsync()).Status);

        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        var interrupted = await job.GetAsync();

        Assert.Equal(OrganizationImportJobStatus.Interrupted, interrupted.Status);
        Assert.Equal(5_000, interrupted.Imported);
        Assert.Contains("re-run the same file", interrupted.Failure);
        Assert.Null(interrupted.FinishedAt);
    }

    [Fact]
    public async Task KeepAliveAsync_HoldsTheLease_AndALateRunStillCompletesItsJob()
    {
        var job = NewJob();
        await job.StartAsync("register.csv");
        for (var beat = 0; beat < 8; beat++)
        {
            fixture.Time.Advance(OrganizationImportJobDetails.Heartbeat);
            await job.KeepAliveAsync();
        }

        Assert.Equal(OrganizationImportJobStatus.Running, (await job.GetAsync()).Status);

        fixture.Time.Advance(OrganizationImportJobDetails.Lease * 2);
        Assert.Equal(OrganizationImportJobStatus.Interrupted, (await job.GetAsync()).Status);

        // A run that was only paused (not dead) reports again and finishes: the job is its again.
        await job.ReportAsync(Progress(10));
        Assert.Equal(OrganizationImportJobStatus.Running, (await job.GetAsync()).Status);
        await job.FinishAsync(null);
        var completed = await job.GetAsync();
        Assert.Equal(OrganizationImportJobStatus.Completed, completed.Status);
        Assert.Null(completed.Failure);

        fixture.Time.Advance(OrganizationImportJobDetails.Lease * 2);
        await job.KeepAliveAsync();
        Assert.Equal(OrganizationImportJobStatus.Completed, (await job.GetAsync()).Status);
    }
}
