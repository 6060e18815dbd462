namespace Registry.Api.Hosting;

/// <summary>
/// A process-wide read copy that renews itself every <paramref name="period"/> while the host runs (its
/// subscriptions, and a check of the versions it holds): the timer starts with the host and stops with it.
/// </summary>
public abstract class PeriodicRenewal(TimeSpan period) : IHostedService, IDisposable
{
    private Timer? timer;

    /// <summary>One renewal; called by the timer (and by tests).</summary>
    public abstract Task RenewAsync();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        timer = new Timer(_ => _ = RenewAsync(), null, period, period);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        timer?.Change(Timeout.Infinite, Timeout.Infinite);
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        timer?.Dispose();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the subclass holds besides the timer.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }
}
