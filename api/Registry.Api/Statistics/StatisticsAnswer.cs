using System.Text.Json;
using Registry.Api.Contracts.Statistics;

namespace Registry.Api.Statistics;

/// <summary>
/// A finished report with the sources it was computed from, and its serialized forms, each made once on first use
/// and given again to every request for the same answer: the JSON of <see cref="StatisticsResponse"/> (UTF-8, written
/// with the API's JSON options, the same bytes the response object would serialize to; see <see cref="StatisticsJson"/>)
/// and the CSV
/// (<see cref="StatisticsCsv"/>). A national answer with every office is 13.7 MB of JSON: a repeated question writes
/// these bytes instead of serializing the rows again. Thread-safe; immutable once made.
/// </summary>
public sealed class StatisticsAnswer(StatisticsReport report, StatisticsSources sources)
{
    private readonly Lock jsonGate = new();
    private readonly Lock csvGate = new();
    private StatisticsJson.Body? json;
    private byte[]? csv;

    public StatisticsReport Report => report;

    public StatisticsSources Sources => sources;

    /// <summary>The answer as JSON (serialized once, with <paramref name="options"/>, the API's).</summary>
    public StatisticsJson.Body Json(JsonSerializerOptions options)
    {
        // One request serializes; the others asking meanwhile wait for its bytes rather than make them again.
        lock (jsonGate)
        {
            return json ??= StatisticsJson.Write(report, options);
        }
    }

    /// <summary>The answer as CSV (written once).</summary>
    public byte[] Csv()
    {
        lock (csvGate)
        {
            return csv ??= StatisticsCsv.Write(report);
        }
    }
}
