using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Registry.Benchmarks.Organizations;
using Registry.Benchmarks.Places;
using Registry.Hosting.Divisions;

namespace Registry.Benchmarks.Divisions;

/// <summary>
/// The division directory through HTTP against the API as a real process (embedded silo, SQLite, the 51,528 divisions
/// of the four shipped editions seeded on its first start): the start after a restart until it answers and its first
/// name search (the directory's parts are read from their own states, no division record), then name searches
/// (<c>GET /api/divisions?name=</c> the first two characters of a division's name sampled from the editions, up to
/// 50 answers, every one checked to answer at least one division: the sampled one holds the fragment) and change lists (<c>GET /api/divisions/changes</c>
/// from 2018 to 2023 under a sampled province) in <c>--rounds</c> rounds (default 3) of <c>--queries</c> requests
/// (default 1,000) by <c>--concurrency</c> closed loops (default 4). Medians over rounds are reported. No reference:
/// the issue names none for the directory; the figures stand beside the directory that read every record, measured
/// in BENCHMARKS.md the same way.
/// </summary>
public sealed class DivisionDirectoryBenchmark : IBenchmark
{
    public string Name => "division-directory";

    public string Description => "division name search and change lists through HTTP over the shipped editions";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var queries = OrganizationRegisterAndFileBenchmark.Option(args, "--queries", 1_000);
        var rounds = OrganizationRegisterAndFileBenchmark.Option(args, "--rounds", 3);
        var concurrency = OrganizationRegisterAndFileBenchmark.Option(args, "--concurrency", 4);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, " +
            $"{RuntimeInformation.FrameworkDescription}; date {DateTime.UtcNow:yyyy-MM-dd}");

        var rows = ShippedEditions.All().SelectMany(e => DivisionEdition.Read(e.CutOff, e.Directory).Rows)
            .DistinctBy(row => row.Key).ToList();
        var random = new Random(20261207);
        var names = Enumerable.Range(0, queries).Select(_ => rows[random.Next(rows.Count)])
            .Select(row => (Code: row.Key, Fragment: row.Value.Name[..Math.Min(2, row.Value.Name.Length)])).ToList();
        var provinces = rows.Where(row => row.Value.Level == Registry.Abstractions.Divisions.DivisionLevel.Province)
            .Select(row => row.Key).Order(StringComparer.Ordinal).ToList();
        Console.WriteLine($"{rows.Count} divisions; {queries} requests x {rounds} rounds, concurrency {concurrency}");

        await using var first = await BenchmarkApiProcess.StartAsync([], cancellationToken);
        await first.StopAsync();
        var clock = Stopwatch.StartNew();
        await using var api = await BenchmarkApiProcess.StartAsync([], cancellationToken, first.DataDirectory);
        var ready = clock.Elapsed;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency })
        {
            BaseAddress = api.Address,
            Timeout = TimeSpan.FromMinutes(5),
        };
        var search = Stopwatch.StartNew();
        var found = await FindsAsync(http, names[0], cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"restart: answering {ready.TotalSeconds:F1} s after the process started; first name search " +
            $"{search.Elapsed.TotalMilliseconds:F0} ms (found: {found})"));

        var errors = found ? 0 : 1;
        var results = new List<PhaseResult>();
        for (var round = 1; round <= rounds; round++)
        {
            var searched = await ClosedLoop.MeasureAsync($"name search, round {round}", queries, concurrency,
                i => FindsAsync(http, names[i], cancellationToken), cancellationToken);
            var listed = await ClosedLoop.MeasureAsync($"change lists, round {round}", queries, concurrency,
                i => ListsAsync(http, provinces[i % provinces.Count], cancellationToken), cancellationToken);
            errors += searched.Errors + listed.Errors;
            results.AddRange([searched, listed]);
        }

        Console.WriteLine();
        Console.WriteLine("| request | requests/s | p50 | p99 |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var kind in new[] { "name search", "change lists" })
        {
            var of = results.Where(r => r.Phase.StartsWith(kind, StringComparison.Ordinal)).ToList();
            double Median(Func<PhaseResult, double> value) => PlaceNameSearchBenchmark.Median(of.Select(value));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind} | {Median(r => r.PerSecond):N0} | {Median(r => r.P50):F2} ms | " +
                $"{Median(r => r.P99):F2} ms |"));
        }

        Console.WriteLine($"errors: {errors}");
        return errors == 0 ? 0 : 1;
    }

    /// <summary>Whether a name search for the fragment answers 200 with at least one division.</summary>
    private static async Task<bool> FindsAsync(HttpClient http, (string Code, string Fragment) query,
        CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(
            $"/api/divisions?name={Uri.EscapeDataString(query.Fragment)}&size=50", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return body.RootElement.GetArrayLength() > 0;
    }

    /// <summary>Whether a change list under the province answers 200 with a JSON array.</summary>
    private static async Task<bool> ListsAsync(HttpClient http, string province, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(
            $"/api/divisions/changes?from=2018-01-01&to=2023-12-31&under={province}", cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return body.RootElement.ValueKind == JsonValueKind.Array;
    }
}
