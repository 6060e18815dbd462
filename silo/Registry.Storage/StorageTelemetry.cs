using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Registry.Storage;

/// <summary>
/// Traces and metrics of the grain-storage calls, under the name <see cref="Name"/> for both the
/// <see cref="ActivitySource"/> and the <see cref="Meter"/>: one span per store call and the histogram
/// <c>registry.storage.operation.duration</c> (seconds) tagged with the operation, the state name and the outcome.
/// Thread-safe; costs nothing measurable when nobody listens.
/// </summary>
public static class StorageTelemetry
{
    public const string Name = "Registry.Storage";

    private static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        "registry.storage.operation.duration", "s", "Duration of grain-storage calls (read, write, clear).");

    /// <summary>Measures <paramref name="call"/>, which it calls at once, before it returns its task.</summary>
    public static async Task<T> MeasureAsync<T>(string operation, string stateName, Func<Task<T>> call)
    {
        using var activity = Start(operation, stateName);
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            // Where the call completes: this wrapper needs no thread of its own, and its caller (the grain storage)
            // goes back to its grain's scheduler once, not once per layer.
            var result = await call().ConfigureAwait(false);
            outcome = "ok";
            return result;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
        finally
        {
            Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("operation", operation),
                new KeyValuePair<string, object?>("state", stateName),
                new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    public static Task MeasureAsync(string operation, string stateName, Func<Task> call) =>
        MeasureAsync(operation, stateName, async () =>
        {
            await call().ConfigureAwait(false);
            return true;
        });

    private static Activity? Start(string operation, string stateName)
    {
        var activity = Source.StartActivity("storage " + operation, ActivityKind.Client);
        activity?.SetTag("registry.storage.operation", operation);
        activity?.SetTag("registry.storage.state", stateName);
        return activity;
    }
}
