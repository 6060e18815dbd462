using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Statistics;

namespace Registry.Benchmarks.Statistics;

/// <summary>
/// The national year's statistics (<c>GET /api/statistics</c> as <c>admin</c>, every domain) answered after a load,
/// measured one request after another: the first answer (roll-ups activating from their stored counters) and the
/// p50/p99 of the next ones, for the answer as asked by default (the total, provinces and prefectures), then for the
/// answer listing every office (<c>offices=true</c>, as many requests: 200 by default, so that a p99 is not the slowest
/// answer). Target: p99 under 100 ms (issue 18).
/// <see cref="MeasureWhileWrittenAsync"/> measures the year still being written: one marriage registered through the
/// API before each question (not timed), so every question follows a change of one province's roll-up.
/// </summary>
public static class NationalYearStatistics
{
    public static Task MeasureAsync(HttpClient client, AuthenticationHeaderValue admin, int queries,
        CancellationToken cancellationToken) =>
        MeasureAsync(client, admin, queries, null, cancellationToken);

    /// <summary>The same question asked again and again; with <paramref name="cpu"/> (the API process's CPU time so
    /// far), the API's CPU per question as well.</summary>
    public static async Task MeasureAsync(HttpClient client, AuthenticationHeaderValue admin, int queries,
        Func<TimeSpan>? cpu, CancellationToken cancellationToken)
    {
        var path = YearPath();
        // The national answer as asked by default (the roll-up rows), then with every office listed.
        if (await SeriesAsync(client, admin, path, "national year statistics", queries, cpu, null, cancellationToken))
        {
            await SeriesAsync(client, admin, path + "&offices=true", "national year statistics with every office",
                queries, cpu, null, cancellationToken);
        }
    }

    /// <summary>
    /// The year being written: before each question (neither timed nor counted in the CPU per question) one marriage
    /// is registered through the API by the marriage registrar of the next office of <paramref name="offices"/> in
    /// turn (<paramref name="registrar"/>: an office's registrar's credentials), so each question follows a hand-over to one province's
    /// roll-up. Each answer must count every registration made before it (its national marriage registrations one
    /// more than the answer before): an answer that does not is reported and fails the run.
    /// </summary>
    public static async Task<bool> MeasureWhileWrittenAsync(HttpClient client, AuthenticationHeaderValue admin,
        Func<string, AuthenticationHeaderValue> registrar, IReadOnlyList<string> offices, int queries, Func<TimeSpan>? cpu,
        CancellationToken cancellationToken)
    {
        var path = YearPath();
        // People of their own per run (a run on kept data meets the couples of the run before).
        var couple = (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() % 3_000) * 100;
        long? known = null;
        var stale = 0;
        async Task RegisterAsync(int _)
        {
            var office = offices[couple % offices.Count];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/marriages")
            {
                Content = new ByteArrayContent(RegistrationBody(office, couple)),
            };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = registrar(office);
            using var response = await client.SendAsync(request, cancellationToken);
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException(
                    $"registration at {office}: {(int)response.StatusCode} " +
                    await response.Content.ReadAsStringAsync(cancellationToken));
            }

            couple++;
        }

        void Check(byte[] body)
        {
            using var answer = JsonDocument.Parse(body);
            var registrations = answer.RootElement.GetProperty("total")
                .GetProperty(StatisticsFigures.MarriageRegistrations).GetInt64();
            if (known is { } before && registrations != before + 1)
            {
                stale++;
                Console.WriteLine($"  stale answer: {registrations} registrations, {before + 1} made");
            }

            known = registrations;
        }

        var ok = await SeriesAsync(client, admin, path, "national year statistics after one registration", queries,
            cpu, (RegisterAsync, Check), cancellationToken);
        ok = ok && await SeriesAsync(client, admin, path + "&offices=true",
            "national year statistics with every office after one registration", queries, cpu,
            (RegisterAsync, Check), cancellationToken);
        Console.WriteLine($"answers not counting a registration made before them: {stale}");
        return ok && stale == 0;
    }

    private static string YearPath()
    {
        var year = DateTime.UtcNow.Year;
        return $"/api/statistics?from={year}-01-01&to={year}-12-31";
    }

    private static async Task<bool> SeriesAsync(HttpClient client, AuthenticationHeaderValue admin, string path,
        string name, int queries, Func<TimeSpan>? cpu, (Func<int, Task> Before, Action<byte[]> Check)? change,
        CancellationToken cancellationToken)
    {
        var latencies = new List<double>();
        var spent = TimeSpan.Zero;
        for (var i = 0; i <= queries; i++)
        {
            if (change is { } before)
            {
                await before.Before(i);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = admin;
            var cpuBefore = cpu?.Invoke() ?? TimeSpan.Zero;
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var cpuUsed = (cpu?.Invoke() ?? TimeSpan.Zero) - cpuBefore;
            if (!response.IsSuccessStatusCode)
            {
                Console.WriteLine($"statistics: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
                return false;
            }

            change?.Check(body);
            if (i == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: first answer {elapsed:F1} ms, {body.Length:N0} bytes"));
                continue;
            }

            latencies.Add(elapsed);
            spent += cpuUsed;
        }

        latencies.Sort();
        var cpuText = cpu is null
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $", API CPU {spent.TotalMilliseconds / queries:F1} ms/question");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {queries} answers, p50 {latencies[latencies.Count / 2]:F1} ms, " +
            $"p99 {latencies[Math.Min(latencies.Count - 1, (int)(latencies.Count * 0.99))]:F1} ms, " +
            $"max {latencies[^1]:F1} ms{cpuText} (target p99 < 100 ms)"));
        return true;
    }

    /// <summary>A first marriage of two mainland residents of the office's county, born 1990 (each couple its own
    /// pair of identity numbers: the man's sequence odd, the woman's even).</summary>
    private static byte[] RegistrationBody(string office, int couple)
    {
        var born = new DateOnly(1990, 1, 1).AddDays(couple / 450);
        var sequence = 100 + (couple % 450 * 2);
        var man = ResidentIdNumber.Compose(office, born, sequence + 1);
        var woman = ResidentIdNumber.Compose(office, born, sequence);
        return Marriages.MarriageRegistrationBenchmark.RegistrationJson(office, (man, "王"), (woman, "赵"));
    }
}
