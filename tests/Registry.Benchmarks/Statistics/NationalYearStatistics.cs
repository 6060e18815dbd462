using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace Registry.Benchmarks.Statistics;

/// <summary>
/// The national year's statistics (<c>GET /api/statistics</c> as <c>admin</c>, every domain) answered after a load,
/// measured one request after another: the first answer (roll-ups activating from their stored counters) and the
/// p50/p99 of the next ones, for the answer as asked by default (the total, provinces and prefectures), then for the
/// answer listing every office (<c>offices=true</c>, a fifth as many requests). Target: p99 under 100 ms (issue 18).
/// </summary>
public static class NationalYearStatistics
{
    public static async Task MeasureAsync(HttpClient client, AuthenticationHeaderValue admin, int queries,
        CancellationToken cancellationToken)
    {
        var year = DateTime.UtcNow.Year;
        var path = $"/api/statistics?from={year}-01-01&to={year}-12-31";
        // The national answer as asked by default (the roll-up rows), then with every office listed.
        if (await SeriesAsync(client, admin, path, "national year statistics", queries, cancellationToken))
        {
            await SeriesAsync(client, admin, path + "&offices=true", "national year statistics with every office",
                Math.Max(1, queries / 5), cancellationToken);
        }
    }

    private static async Task<bool> SeriesAsync(HttpClient client, AuthenticationHeaderValue admin, string path,
        string name, int queries, CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        for (var i = 0; i <= queries; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = admin;
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                Console.WriteLine($"statistics: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
                return false;
            }

            if (i == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: first answer {elapsed:F1} ms, {body.Length:N0} bytes"));
                continue;
            }

            latencies.Add(elapsed);
        }

        latencies.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {queries} answers, p50 {latencies[latencies.Count / 2]:F1} ms, " +
            $"p99 {latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))]:F1} ms, " +
            $"max {latencies[^1]:F1} ms (target p99 < 100 ms)"));
        return true;
    }
}
