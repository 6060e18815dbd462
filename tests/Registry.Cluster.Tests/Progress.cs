namespace Registry.Cluster.Tests;

/// <summary>
/// Writes the test's current phase to its live output every few seconds while a long test runs.
/// </summary>
/// <remarks>
/// Why it matters, not only for a reader: xUnit v3 runs a test project as a child process and reads its results from
/// the child's standard output. When the child exits, the runner (xunit.runner.visualstudio's crash detection) waits
/// for the final "assembly finished" message only while the last message it has <i>processed</i> is under 60 s old.
/// A test that sends nothing for minutes (this one runs several) and whose last messages are still unread when the
/// process exits, as happens on a busy machine, is then reported as "Test process crashed with exit code 0" and its
/// result dropped, although it ran to the end. Live output is sent as it is written, so a line at least every
/// <see cref="Interval"/> keeps the last message recent.
/// </remarks>
public sealed class Progress : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    private readonly ITestOutputHelper? output;
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly Timer timer;
    private readonly object gate = new();
    private string phase = "starting";
    private bool disposed;

    public Progress(ITestOutputHelper? output)
    {
        this.output = output;
        timer = new Timer(_ => Write(), null, Interval, Interval);
    }

    /// <summary>What the test does now; written at once and then on every tick.</summary>
    public string Phase
    {
        set
        {
            lock (gate)
            {
                phase = value;
            }

            Write();
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
        }

        timer.Dispose();
    }

    private void Write()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            try
            {
                output?.WriteLine($"{clock.Elapsed.TotalSeconds,6:F0} s  {phase}");
            }
            catch (InvalidOperationException)
            {
                // The test has already ended: nothing more to report.
            }
        }
    }
}
