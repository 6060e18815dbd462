using Orleans;
using Orleans.Runtime;

namespace Registry.Storage.Tests;

/// <summary>A silo lifecycle that only records who subscribed, so a test can run the start step itself.</summary>
internal sealed class RecordingSiloLifecycle : ISiloLifecycle
{
    public List<(int Stage, ILifecycleObserver Observer)> Observers { get; } = [];

    public int HighestCompletedStage => 0;

    public int LowestStoppedStage => 0;

    public IDisposable Subscribe(string observerName, int stage, ILifecycleObserver observer)
    {
        Observers.Add((stage, observer));
        return new Unsubscriber();
    }

    private sealed class Unsubscriber : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
