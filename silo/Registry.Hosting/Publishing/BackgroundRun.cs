namespace Registry.Hosting.Publishing;

/// <summary>
/// Work a silo runs in the background from one lifecycle stage to its stop (the outbox relay's loop, the
/// republication of earlier records): started on a thread-pool task so the stage does not wait for it, then cancelled
/// and awaited when the silo stops. Start once.
/// </summary>
internal sealed class BackgroundRun
{
    private CancellationTokenSource? stopping;
    private Task? running;

    /// <summary>The work started (completed when none was).</summary>
    public Task Running => running ?? Task.CompletedTask;

    public Task Start(Func<CancellationToken, Task> work)
    {
        stopping = new CancellationTokenSource();
        running = Task.Run(() => work(stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Cancels the work and waits for it, until <paramref name="cancellationToken"/> gives up waiting (the
    /// silo stops then; the work was told to stop).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (stopping is null || running is null)
        {
            return;
        }

        await stopping.CancelAsync();
        try
        {
            await running.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Cancelled mid-way: each user says what is left for the next start.
        }
    }
}
