using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Registry.Benchmarks.Organizations;

namespace Registry.Benchmarks.Places;

/// <summary>
/// Name search and nearest-10 queries per second over the 171,075 GeoNames places imported as external reference
/// names, through HTTP against the API running as a real process (embedded silo, SQLite). The places are imported
/// into the API's data directory by the real import command (<c>Registry.Silo import-places</c>, a separate
/// process), then the index partitions are rebuilt through the API (<c>POST /api/place-names/index/rebuild</c>).
/// Queries are anonymous (external names are public): name search <c>q=</c> the first 4 letters of a sampled place's
/// name, <c>limit=10</c>; nearest <c>near=</c> a sampled place's coordinates, <c>limit=10</c>. Each is run in
/// <c>--rounds</c> rounds (default 3) of <c>--queries</c> (default 2,000) with <c>--concurrency</c> (default 8) in
/// flight; the medians over rounds are reported. Then the API process is stopped and started again on the same data
/// directory, and the time until it answers and to its first name search and first nearest-10 are reported (the index
/// starts from its own stored entries, reading no place-name record). Option <c>--cities PATH</c> (default ../shared/data/world/cities.json
/// found above the repository).
/// </summary>
public sealed class PlaceNameSearchBenchmark : IBenchmark
{
    public string Name => "place-names-search";

    public string Description => "import 171,075 GeoNames places, then name search and nearest-10 through HTTP (real API process)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var queries = Option(args, "--queries", 2_000);
        var concurrency = Option(args, "--concurrency", 8);
        var rounds = Option(args, "--rounds", 3);
        var cities = OptionText(args, "--cities") ?? DefaultCities();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, " +
            $"{RuntimeInformation.FrameworkDescription}; date {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine($"cities: {cities}; {queries} queries x {rounds} rounds, concurrency {concurrency}");

        var places = JsonDocument.Parse(await File.ReadAllBytesAsync(cities, cancellationToken)).RootElement
            .EnumerateArray()
            .Select(p => (Name: p.GetProperty("name").GetString()!, Lat: p.GetProperty("lat").GetString()!,
                Lng: p.GetProperty("lng").GetString()!))
            .ToList();
        var random = new Random(20261123);
        var sample = Enumerable.Range(0, queries).Select(_ => places[random.Next(places.Count)]).ToList();

        await using var api = await BenchmarkApiProcess.StartAsync([], cancellationToken);
        var import = Stopwatch.StartNew();
        await ImportAsync(api.DataDirectory, cities, cancellationToken);
        Console.WriteLine($"import: {import.Elapsed.TotalSeconds:F1} s");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency })
        {
            BaseAddress = api.Address,
            Timeout = TimeSpan.FromMinutes(5),
        };
        using (var rebuild = new HttpRequestMessage(HttpMethod.Post, "/api/place-names/index/rebuild"))
        {
            rebuild.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token("benchmark-admin", ["admin"]));
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(rebuild, cancellationToken);
            Console.WriteLine($"index rebuild: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)} in {clock.Elapsed.TotalSeconds:F1} s");
            if (!response.IsSuccessStatusCode)
            {
                return 1;
            }
        }

        var results = new List<PhaseResult>();
        var errors = 0;
        for (var round = 1; round <= rounds; round++)
        {
            var search = await ClosedLoop.MeasureAsync($"name search, round {round}", queries, concurrency, async i =>
            {
                var name = sample[i].Name;
                var prefix = name[..Math.Min(4, name.Length)];
                return await FoundAsync(http, $"/api/place-names?q={Uri.EscapeDataString(prefix)}&limit=10", cancellationToken);
            }, cancellationToken);
            var nearest = await ClosedLoop.MeasureAsync($"nearest-10, round {round}", queries, concurrency, async i =>
                await FoundAsync(http, $"/api/place-names?near={sample[i].Lng},{sample[i].Lat}&limit=10", cancellationToken),
                cancellationToken);
            results.Add(search);
            results.Add(nearest);
            errors += search.Errors + nearest.Errors;
        }

        // The first search after a restart: the index starts from its own stored entries, not from the records.
        var restart = await FirstSearchAfterRestartAsync(api, sample[0], concurrency, cancellationToken);
        errors += restart ? 0 : 1;

        Console.WriteLine();
        Console.WriteLine("| query | queries/s | p50 | p99 |");
        Console.WriteLine("|---|---|---|---|");
        foreach (var kind in new[] { "name search", "nearest-10" })
        {
            var of = results.Where(r => r.Phase.StartsWith(kind, StringComparison.Ordinal)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind} | {Median(of.Select(r => r.Requests / r.Seconds)):N0} | {Median(of.Select(r => r.P50)):F2} ms | {Median(of.Select(r => r.P99)):F2} ms |"));
        }

        return errors == 0 ? 0 : 1;
    }

    /// <summary>
    /// Stops the API process and starts a new one on the same data directory, then times the start until it answers
    /// and the first name search and nearest-10 query after it (each found, as in the measured rounds).
    /// </summary>
    private static async Task<bool> FirstSearchAfterRestartAsync(BenchmarkApiProcess api,
        (string Name, string Lat, string Lng) place, int concurrency, CancellationToken cancellationToken)
    {
        var name = place.Name;
        await api.StopAsync();
        var clock = Stopwatch.StartNew();
        await using var restarted = await BenchmarkApiProcess.StartAsync([], cancellationToken, api.DataDirectory);
        var ready = clock.Elapsed;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency })
        {
            BaseAddress = restarted.Address,
            Timeout = TimeSpan.FromMinutes(5),
        };
        var search = Stopwatch.StartNew();
        var found = await FoundAsync(http, $"/api/place-names?q={Uri.EscapeDataString(name[..Math.Min(4, name.Length)])}&limit=10",
            cancellationToken);
        var firstSearch = search.Elapsed;
        var nearest = Stopwatch.StartNew();
        var foundNearest = await FoundAsync(http, $"/api/place-names?near={place.Lng},{place.Lat}&limit=10", cancellationToken);
        var firstNearest = nearest.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"restart: answering {ready.TotalSeconds:F1} s after the process started; first name search {firstSearch.TotalSeconds:F2} s " +
            $"(found: {found}), then first nearest-10 {firstNearest.TotalSeconds:F2} s (found: {foundNearest}); " +
            $"first search {(ready + firstSearch).TotalSeconds:F1} s after the process started"));
        return found && foundNearest;
    }

    /// <summary>A 200 whose page holds at least one item (every sampled query has a match: the place itself).</summary>
    private static async Task<bool> FoundAsync(HttpClient http, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        using var page = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
        return page.RootElement.GetProperty("items").GetArrayLength() > 0;
    }

    private static async Task ImportAsync(string dataDirectory, string cities, CancellationToken cancellationToken)
    {
        // The silo's build output sits where the API's does, under silo/Registry.Silo instead of api/Registry.Api.
        var silo = Path.Combine(BenchmarkApiProcess.OutputDirectory.Replace(
            Path.Combine("api", "Registry.Api"), Path.Combine("silo", "Registry.Silo"), StringComparison.Ordinal),
            "Registry.Silo.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, WorkingDirectory = dataDirectory };
        foreach (var argument in new[]
                 {
                     silo, "import-places", cities, Path.Combine(dataDirectory, "rejections.csv"),
                     $"--Registry:DataDirectory={dataDirectory}", "--Registry:Seed:PlaceNames=false",
                     "--Logging:LogLevel:Default=Warning",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Console.Write(output);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"import-places exited with {process.ExitCode}");
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string DefaultCities()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "shared", "data", "world", "cities.json")))
        {
            directory = directory.Parent;
        }

        return directory is null
            ? throw new InvalidOperationException("shared/data/world/cities.json not found above " + AppContext.BaseDirectory + "; pass --cities PATH")
            : Path.Combine(directory.FullName, "shared", "data", "world", "cities.json");
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(IReadOnlyList<string> args, string name)
    {
        var index = args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < args.Count ? args[index + 1] : null;
    }
}
