namespace Registry.Api.Spatial;

/// <summary>Counts changes to divisions seen by this process, so caches of division facts know theirs are old.
/// Thread-safe.</summary>
public sealed class DivisionChangeSignal
{
    private long version;

    public long Version => Interlocked.Read(ref version);

    public void Changed() => Interlocked.Increment(ref version);
}
