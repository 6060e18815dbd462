using Microsoft.Extensions.Logging;

namespace Registry.Grains.Indexing;

/// <summary>How long a subscription to an index grain lasts unless renewed.</summary>
internal static class IndexSubscriptions
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(3);
}

/// <summary>
/// The observers of one index grain (a spatial tile or region, a place-name partition), each until its subscription
/// expires. Notifications are awaited (with a short limit) so that when a record's write returns, every live reader
/// has already dropped or updated its copy; an
/// observer that fails or does not answer in time is dropped (it renews, and re-reads, on its next subscription).
/// Not thread-safe: used from one grain activation.
/// </summary>
internal sealed class IndexSubscribers<TObserver>(TimeProvider time, ILogger logger)
    where TObserver : class, IGrainObserver
{
    private static readonly TimeSpan NotifyLimit = TimeSpan.FromSeconds(2);

    private readonly Dictionary<TObserver, DateTimeOffset> observers = new();

    public int Count => observers.Count;

    public void Add(TObserver observer) => observers[observer] = time.GetUtcNow() + IndexSubscriptions.Lifetime;

    public async Task NotifyAsync(Func<TObserver, Task> notify)
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
                logger.LogInformation(e, "Dropping an index observer that did not take a notification");
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
