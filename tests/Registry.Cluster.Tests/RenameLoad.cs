using System.Diagnostics;
using System.Net.Http.Json;

namespace Registry.Cluster.Tests;

/// <summary>
/// A steady stream of renames through the API, the way registrars would file them: several workers, each renaming
/// its own divisions in turn, each request waiting for the previous answer, every rename effective one day after the
/// previous one of its division. Records every request and its outcome; conditions on the records (enough
/// acknowledged, every division acknowledged again after a moment) can be awaited.
/// </summary>
public sealed class RenameLoad(HttpClient client, IReadOnlyDictionary<string, string> originalNames, string run)
{
    private static readonly DateOnly FirstDate = new(2030, 1, 1);
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(40);

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly List<RenameAttempt> attempts = [];
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> waiters = [];
    private readonly CancellationTokenSource stopping = new();
    private Task running = Task.CompletedTask;

    public TimeSpan Now => clock.Elapsed;

    /// <summary>How many requests were acknowledged so far.</summary>
    public int AcknowledgedCount
    {
        get
        {
            lock (attempts)
            {
                return attempts.Count(a => a.Outcome == Outcome.Acknowledged);
            }
        }
    }

    /// <summary>The reason text of the n-th rename of a division in this run.</summary>
    public string ReasonOf(string code, int number) => $"failover-{run} {code} #{number}";

    public bool IsOfThisRun(string? reason) => reason?.StartsWith($"failover-{run} ", StringComparison.Ordinal) == true;

    public void Start(int workers)
    {
        var codes = originalNames.Keys.Order(StringComparer.Ordinal).ToArray();
        running = Task.WhenAll(Enumerable.Range(0, workers).Select(worker =>
            Task.Run(() => WorkAsync(codes.Where((_, i) => i % workers == worker).ToArray()))));
    }

    /// <summary>Completes once <paramref name="count"/> requests in all were acknowledged.</summary>
    public Task AcknowledgedAsync(int count) =>
        WhenAsync(() => attempts.Count(a => a.Outcome == Outcome.Acknowledged) >= count);

    /// <summary>
    /// Completes once every division has had a request that started at or after <paramref name="since"/>
    /// acknowledged; returns how long after <paramref name="since"/> the last of them was answered.
    /// </summary>
    public async Task<TimeSpan> EveryDivisionAcknowledgedSinceAsync(TimeSpan since)
    {
        await WhenAsync(() => originalNames.Keys.All(code =>
            attempts.Any(a => a.Code == code && a.Outcome == Outcome.Acknowledged && a.StartedAt >= since)));
        lock (attempts)
        {
            return originalNames.Keys.Max(code => attempts
                .Where(a => a.Code == code && a.Outcome == Outcome.Acknowledged && a.StartedAt >= since)
                .Min(a => a.EndedAt)) - since;
        }
    }

    /// <summary>Stops the workers after their current request and returns every attempt.</summary>
    public async Task<IReadOnlyList<RenameAttempt>> StopAsync()
    {
        await stopping.CancelAsync();
        await running;
        lock (attempts)
        {
            return attempts.ToList();
        }
    }

    private async Task WorkAsync(string[] codes)
    {
        var numbers = codes.ToDictionary(code => code, _ => 0);
        for (var turn = 0; !stopping.IsCancellationRequested; turn++)
        {
            var code = codes[turn % codes.Length];
            var number = ++numbers[code];
            Record(await RenameAsync(code, number));
            try
            {
                // Pacing between a registrar's requests, not synchronization.
                await Task.Delay(Pace, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<RenameAttempt> RenameAsync(string code, int number)
    {
        var name = originalNames[code] + number;
        var date = FirstDate.AddDays(number);
        var reason = ReasonOf(code, number);
        var started = Now;
        try
        {
            using var response = await client.PostAsJsonAsync($"/api/divisions/{code}/renames",
                new { name, effectiveDate = date.ToString("yyyy-MM-dd"), reason });
            var outcome = (int)response.StatusCode switch
            {
                >= 200 and < 300 => Outcome.Acknowledged,
                >= 400 and < 500 => Outcome.Refused,
                _ => Outcome.Unknown,
            };
            var detail = response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync();
            return new RenameAttempt(code, number, name, date, reason, started, Now, outcome,
                (int)response.StatusCode, detail);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new RenameAttempt(code, number, name, date, reason, started, Now, Outcome.Unknown, 0,
                e.GetType().Name + ": " + e.Message);
        }
    }

    private void Record(RenameAttempt attempt)
    {
        List<TaskCompletionSource> done = [];
        lock (attempts)
        {
            attempts.Add(attempt);
            foreach (var waiter in waiters.Where(w => w.Condition()).ToList())
            {
                waiters.Remove(waiter);
                done.Add(waiter.Done);
            }
        }

        done.ForEach(tcs => tcs.TrySetResult());
    }

    private Task WhenAsync(Func<bool> condition)
    {
        lock (attempts)
        {
            if (condition())
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((condition, done));
            return done.Task;
        }
    }
}
