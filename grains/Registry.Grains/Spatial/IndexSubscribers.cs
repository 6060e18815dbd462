using Microsoft.Extensions.Logging;
using Registry.Abstractions.Spatial;

namespace Registry.Grains.Spatial;

/// <summary>
/// The observers of one tile or region grain, each until its subscription expires. Notifications are awaited (with a
/// short limit) so that when a record's write returns, every live reader has already dropped its stale copy; an
/// observer that fails or does not answer in time is dropped (it renews, and re-reads, on its next subscription).
/// Not thread-safe: used from one grain activation.
/// </summary>
internal sealed class IndexSubscribers(TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan NotifyLimit = TimeSpan.FromSeconds(2);

    private readonly Dictionary<ISpatialIndexObserver, DateTimeOffset> observers = new();

    public int Count => observers.Count;

    public void Add(ISpatialIndexObserver observer) => observers[observer] = time.GetUtcNow() + Lifetime;

    public async Task NotifyAsync(Func<ISpatialIndexObserver, Task> notify)
    {
        var now = time.GetUtcNow();
        foreach (var expired in observers.Where(o => o.Value < now).Select(o => o.Key).ToList())
        {
            observers.Remove(expired);
        }

        if (observers.Count == 0)
        {
            return;
        }

        var calls = observers.Keys.Select(async observer =>
        {
            try
            {
                await notify(observer).WaitAsync(NotifyLimit);
                return null;
            }
            catch (Exception e)
            {
                logger.LogInformation(e, "Dropping a spatial index observer that did not take a notification");
                return observer;
            }
        }).ToList();
        foreach (var failed in await Task.WhenAll(calls))
        {
            if (failed is not null)
            {
                observers.Remove(failed);
            }
        }
    }
}
