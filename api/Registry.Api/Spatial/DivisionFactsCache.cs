using System.Collections.Concurrent;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Time;

namespace Registry.Api.Spatial;

/// <summary>
/// Names, levels and validity of registry divisions for spatial answers, so a point query names its divisions without
/// a grain call. An entry is reloaded when this process has seen any division change since it was loaded
/// (<see cref="DivisionChangeSignal"/>, so a client reads its own renames) and, served meanwhile, once it is older
/// than <see cref="MaxAge"/> (changes made through another API process show within that time). Thread-safe.
/// </summary>
public sealed class DivisionFactsCache(IGrainFactory grains, BureauClock clock, DivisionChangeSignal signal)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The facts of <paramref name="code"/>; null when the registry records no such division.</summary>
    public ValueTask<DivisionFacts?> GetAsync(string code)
    {
        if (entries.TryGetValue(code, out var entry))
        {
            if (entry.SignalVersion == signal.Version)
            {
                if (clock.Now - entry.LoadedAt > MaxAge && entry.TryStartRefresh())
                {
                    _ = RefreshAsync(code);
                }

                return new ValueTask<DivisionFacts?>(entry.Facts);
            }
        }

        return new ValueTask<DivisionFacts?>(LoadAsync(code));
    }

    private async Task RefreshAsync(string code)
    {
        try
        {
            await LoadAsync(code);
        }
        catch (Exception)
        {
            // Keep serving the entry; the next request past its age tries again.
            if (entries.TryGetValue(code, out var entry))
            {
                entry.RefreshFailed();
            }
        }
    }

    private async Task<DivisionFacts?> LoadAsync(string code)
    {
        var version = signal.Version;
        DivisionFacts? facts;
        try
        {
            facts = new DivisionFacts(await grains.Get<IDivisionGrain>(code).GetAsync(clock.Today));
        }
        catch (Abstractions.Errors.DomainException e) when (e.Kind == Abstractions.Errors.DomainErrorKind.NotFound)
        {
            facts = null;
        }

        entries[code] = new Entry(facts, clock.Now, version);
        return facts;
    }

    private sealed class Entry(DivisionFacts? facts, DateTimeOffset loadedAt, long signalVersion)
    {
        private int refreshing;

        public DivisionFacts? Facts => facts;

        public DateTimeOffset LoadedAt => loadedAt;

        public long SignalVersion => signalVersion;

        public bool TryStartRefresh() => Interlocked.Exchange(ref refreshing, 1) == 0;

        public void RefreshFailed() => Interlocked.Exchange(ref refreshing, 0);
    }
}
