using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using Registry.Benchmarks.Organizations;
using Registry.Benchmarks.Spatial;
using Registry.Grains;
using Registry.Grains.Places;
using Registry.Storage.Sqlite;

namespace Registry.Benchmarks.Places;

/// <summary>
/// Name search and nearest-10 queries per second over the 171,075 GeoNames places imported as external reference
/// names, through HTTP against the API running as a real process (embedded silo, SQLite). The places are imported
/// into the API's data directory by the real import command (<c>Registry.Silo import-places</c>, a separate
/// process), then the index partitions are rebuilt through the API (<c>POST /api/place-names/index/rebuild</c>).
/// Queries are anonymous (external names are public): name search <c>q=</c> the first 4 letters of a sampled place's
/// name, <c>limit=10</c>; nearest <c>near=</c> a sampled place's coordinates, <c>limit=10</c>, over <c>--queries</c>
/// sampled places (default 2,000). Each sampled query is first asked once and must find something (the oracle, and
/// the warm-up); then each kind is timed in <c>--rounds</c> rounds (default 3) of <c>--seconds</c> (default: the
/// reference's seconds) by wrk with <c>--concurrency</c> connections (default 8), cycling through the sample, the same
/// client count and duration as the reference's pgbench: a C client on both sides, so the client's own cost on the
/// shared two cores is alike. The API process's CPU time per query is reported; the medians over rounds are.
/// Then the API process is stopped and started again on the same data
/// directory, and the time until it answers and to its first name search and first nearest-10 are reported (the index
/// starts from its own stored entries, reading no place-name record). Option <c>--cities PATH</c> (default ../shared/data/world/cities.json
/// found above the repository). Option <c>--stock</c>: the official stock is imported too, by the documented command
/// (<c>import-place-stock</c> of ../shared/data/cn/divisions-2023-villages.csv: the 41,352 townships and 620,573
/// village seats), its time and the database's size printed, so the searches run over some 833,000 names; the reference
/// then holds the same names (each official name as its characters and its spelling, normalised as the Registry
/// searches them, read back from the records the import stored; they have no point, so nearest-10 is unchanged).
/// <para>
/// The reference, in the same run over the same names and the same sampled queries: PostgreSQL 15 with pg_trgm
/// (name fragment: <c>ILIKE '%fragment%'</c> over a GIN trigram index, ranked like the Registry's search: the whole
/// name, then its beginning, then any fragment, then by name; first 10) and PostGIS (nearest-10: KNN
/// <c>ORDER BY geog &lt;-&gt; point LIMIT 10</c> over a GiST index on geography, great-circle like the Registry's),
/// driven by <c>pgbench -M prepared</c> with as many clients as the HTTP rounds have in flight, for
/// <c>--reference-seconds</c> (default 10) per query and round. Skipped with <c>--no-reference</c>.
/// </para>
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
        var referenceSeconds = Option(args, "--reference-seconds", 10);
        var roundSeconds = Option(args, "--seconds", referenceSeconds);
        var reference = !args.Contains("--no-reference");
        if (!Processes.Found("wrk"))
        {
            Console.Error.WriteLine("wrk is required (Debian: apt-get install wrk).");
            return 2;
        }

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
        await ImportAsync(api.DataDirectory, ["import-places", cities], cancellationToken);
        Console.WriteLine($"import: {import.Elapsed.TotalSeconds:F1} s");
        // The reference's rows: the GeoNames places, and with --stock every official name the Registry recorded.
        var referenceRows = places.Select(p => (Text: p.Name, Lng: (string?)p.Lng, Lat: (string?)p.Lat)).ToList();
        if (args.Contains("--stock"))
        {
            var villages = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(cities)!)!, "cn", "divisions-2023-villages.csv");
            var stock = Stopwatch.StartNew();
            await ImportAsync(api.DataDirectory, ["import-place-stock", villages], cancellationToken);
            var bytes = Directory.EnumerateFiles(api.DataDirectory, "registry.db*").Sum(f => new FileInfo(f).Length);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stock import: {stock.Elapsed.TotalSeconds:F1} s; database now {bytes / 1048576.0:F0} MiB"));
            referenceRows.AddRange(await StockNamesAsync(api.DataDirectory, cancellationToken));
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency })
        {
            BaseAddress = api.Address,
            Timeout = TimeSpan.FromMinutes(5),
        };
        if (await RebuildIndexAsync(http, api, cancellationToken) is null)
        {
            return 1;
        }

        // Every sampled query is asked once through HttpClient first: it must answer 200 with its place found (the
        // oracle), and the API's code paths are compiled and tiered up before anything is timed.
        static string NamePath((string Name, string Lat, string Lng) place) =>
            $"/api/place-names?q={Uri.EscapeDataString(place.Name[..Math.Min(4, place.Name.Length)])}&limit=10";
        static string NearestPath((string Name, string Lat, string Lng) place) =>
            $"/api/place-names?near={place.Lng},{place.Lat}&limit=10";
        var errors = 0;
        foreach (var (kind, pathOf) in new (string, Func<(string Name, string Lat, string Lng), string>)[]
                     { ("name search", NamePath), ("nearest-10", NearestPath) })
        {
            var check = await ClosedLoop.MeasureAsync($"{kind}, every sampled query checked", queries, concurrency,
                async i => await FoundAsync(http, pathOf(sample[i]), cancellationToken), cancellationToken);
            errors += check.Errors;
        }

        // Timed like the reference: a C client (wrk, as pgbench is one) with as many connections as pgbench has
        // clients, for the same seconds per round, cycling through the same sampled queries; the API's own CPU time
        // per query is taken from the process over each round.
        var scripts = Path.Combine(Path.GetTempPath(), "registry-bench-places-wrk-" + Guid.NewGuid().ToString("N"));
        var results = new List<(string Kind, Measurement Result, double CpuMilliseconds)>();
        try
        {
            var kinds = new List<(string Kind, string Script)>();
            foreach (var (kind, pathOf) in new (string, Func<(string Name, string Lat, string Lng), string>)[]
                         { ("name search", NamePath), ("nearest-10", NearestPath) })
            {
                var directory = Directory.CreateDirectory(Path.Combine(scripts, kind.Replace(' ', '-'))).FullName;
                kinds.Add((kind, Wrk.Script(directory, sample.Select(pathOf).ToList())));
            }

            var url = api.Address.ToString().TrimEnd('/');
            foreach (var (_, script) in kinds)
            {
                await Wrk.RunAsync(url, concurrency, TimeSpan.FromSeconds(2), script, cancellationToken); // warm-up
            }

            for (var round = 1; round <= rounds; round++)
            {
                foreach (var (kind, script) in kinds)
                {
                    var cpu = api.CpuTime;
                    var measured = await Wrk.RunAsync(url, concurrency, TimeSpan.FromSeconds(roundSeconds), script,
                        cancellationToken);
                    var cpuPerQuery = (api.CpuTime - cpu).TotalMilliseconds / Math.Max(1, measured.Requests ?? 0);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{kind}, round {round} (wrk, {concurrency} connections, {roundSeconds} s): {measured.PerSecond:N0}/s, " +
                        $"p50 {measured.P50Milliseconds:F2} ms, p99 {measured.P99Milliseconds:F2} ms, API CPU {cpuPerQuery:F3} ms per query"));
                    results.Add((kind, measured, cpuPerQuery));
                }
            }
        }
        finally
        {
            Directory.Delete(scripts, recursive: true);
        }

        var references = new List<(string Kind, Measurement Result)>();
        if (reference)
        {
            references.AddRange(await ReferenceAsync(referenceRows, sample, concurrency, rounds, TimeSpan.FromSeconds(referenceSeconds),
                cancellationToken));
        }

        // The first search after a restart: the index starts from its own stored entries, not from the records.
        var restart = await FirstSearchAfterRestartAsync(api, sample[0], concurrency, cancellationToken);
        errors += restart ? 0 : 1;

        Console.WriteLine();
        Console.WriteLine("| query | queries/s | p50 | p99 | API CPU per query |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var kind in new[] { "name search", "nearest-10" })
        {
            var of = results.Where(r => r.Kind == kind).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind} | {Median(of.Select(r => r.Result.PerSecond)):N0} | {Median(of.Select(r => r.Result.P50Milliseconds ?? double.NaN)):F2} ms | " +
                $"{Median(of.Select(r => r.Result.P99Milliseconds)):F2} ms | {Median(of.Select(r => r.CpuMilliseconds)):F3} ms |"));
        }

        foreach (var (kind, label) in new[] { ("name search", "pg_trgm name fragment"), ("nearest-10", "PostGIS KNN nearest-10") })
        {
            var of = references.Where(r => r.Kind == kind).Select(r => r.Result).ToList();
            if (of.Count == 0)
            {
                continue;
            }

            var registry = Median(results.Where(r => r.Kind == kind).Select(r => r.Result.PerSecond));
            var postgres = Median(of.Select(r => r.PerSecond));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {label} (pgbench -M prepared, reference) | {postgres:N0} | - | {Median(of.Select(r => r.P99Milliseconds)):F2} ms | - |"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kind}: Registry / PostgreSQL = {registry / postgres:F2} (target >= 1.5)"));
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

    /// <summary>
    /// The PostgreSQL reference over the same places and the same sampled queries: loads them into a throw-away
    /// PostgreSQL 15 with pg_trgm and PostGIS, prints the plans (each must use its index), then per round runs the
    /// name-fragment query and the nearest-10 query with pgbench for <paramref name="duration"/> each.
    /// </summary>
    private static async Task<List<(string Kind, Measurement Result)>> ReferenceAsync(
        IReadOnlyList<(string Text, string? Lng, string? Lat)> places, IReadOnlyList<(string Name, string Lat, string Lng)> sample,
        int concurrency, int rounds, TimeSpan duration, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), "registry-bench-places-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            await using var postgres = await PostGisServer.StartAsync(work, cancellationToken);
            var load = Stopwatch.StartNew();
            static string Text(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("\t", "\\t", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)
                .Replace("\r", "\\r", StringComparison.Ordinal);
            var placeFile = postgres.Shared("places.tsv");
            await File.WriteAllLinesAsync(placeFile, places.Select((p, i) =>
                string.Create(CultureInfo.InvariantCulture, $"{i}\t{Text(p.Text)}\t{p.Lng ?? "\\N"}\t{p.Lat ?? "\\N"}")), cancellationToken);
            var queryFile = postgres.Shared("queries.tsv");
            await File.WriteAllLinesAsync(queryFile, sample.Select((p, i) =>
                string.Create(CultureInfo.InvariantCulture, $"{i}\t{Text(p.Name[..Math.Min(4, p.Name.Length)])}\t{p.Lng}\t{p.Lat}")),
                cancellationToken);
            await postgres.PsqlAsync($"""
                CREATE EXTENSION pg_trgm;
                CREATE TABLE places (id int PRIMARY KEY, name text NOT NULL, lon float8, lat float8,
                    geog geography(Point, 4326));
                COPY places (id, name, lon, lat) FROM '{placeFile}';
                UPDATE places SET geog = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography WHERE lon IS NOT NULL;
                CREATE INDEX places_name_trgm ON places USING gin (name gin_trgm_ops);
                CREATE INDEX places_geog ON places USING gist (geog);
                CREATE TABLE queries (id int PRIMARY KEY, q text NOT NULL, lon float8 NOT NULL, lat float8 NOT NULL,
                    geog geography(Point, 4326));
                COPY queries (id, q, lon, lat) FROM '{queryFile}';
                UPDATE queries SET geog = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography;
                VACUUM ANALYZE places;
                VACUUM ANALYZE queries;
                """, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"reference: PostgreSQL 15 + pg_trgm + PostGIS, {places.Count} places and {sample.Count} queries loaded and indexed in {load.Elapsed.TotalSeconds:F1} s"));

            // The fragment is the Registry's query text; a match is ranked as the Registry ranks (whole name, its
            // beginning, any fragment; then by name), so both find every match before they answer the first 10.
            const string Fragment = """
                SELECT p.id, p.name FROM places p
                WHERE p.name ILIKE (SELECT '%' || q || '%' FROM queries WHERE id = :id)
                ORDER BY lower(p.name) = (SELECT lower(q) FROM queries WHERE id = :id) DESC,
                         p.name ILIKE (SELECT q || '%' FROM queries WHERE id = :id) DESC, p.name, p.id
                LIMIT 10;
                """;
            const string Nearest = """
                SELECT p.id, p.name FROM places p
                ORDER BY p.geog <-> (SELECT geog FROM queries WHERE id = :id)
                LIMIT 10;
                """;
            var results = new List<(string Kind, Measurement Result)>();
            var scripts = new List<(string Kind, string Script)>();
            foreach (var (kind, sql) in new[] { ("name search", Fragment), ("nearest-10", Nearest) })
            {
                var plan = await postgres.PsqlAsync("EXPLAIN " + sql.Replace(":id", "1", StringComparison.Ordinal), cancellationToken);
                Console.WriteLine($"reference plan ({kind}): " + string.Join(" / ", plan.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    .Select(l => l.Trim()).Where(l => l.Contains("Scan", StringComparison.Ordinal))));
                var script = await postgres.WriteRandomScriptAsync(kind, "id", sample.Count, sql, cancellationToken);
                scripts.Add((kind, script));
                await postgres.PgbenchAsync(script, concurrency, TimeSpan.FromSeconds(2), cancellationToken); // warm-up
            }

            for (var round = 1; round <= rounds; round++)
            {
                foreach (var (kind, script) in scripts)
                {
                    var measured = await postgres.PgbenchAsync(script, concurrency, duration, cancellationToken);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"reference {kind}, round {round}: {measured.PerSecond:N0}/s, p99 {measured.P99Milliseconds:F2} ms"));
                    results.Add((kind, measured));
                }
            }

            return results;
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temporary directory; nothing depends on it.
            }
        }
    }

    /// <summary>Asks the API to build the place-name index from the imported records, again while it answers 503 or
    /// 409; the names the built index holds, or null when it was not built.</summary>
    internal static async Task<int?> RebuildIndexAsync(HttpClient http, National.IRegistryUnderTest api,
        CancellationToken cancellationToken)
    {
        // The rebuild calls wait up to ten minutes (RebuildTimeout; before, the runtime's 30 s, which a national
        // build outlasted with a 503 while it went on). Should one still answer 503, the build goes on in the silo
        // and a partition freshly built answers the next rebuild at once, so it is asked again (also after a 409,
        // when the ask met the previous build's write).
        var rebuildClock = Stopwatch.StartNew();
        while (true)
        {
            using var rebuild = new HttpRequestMessage(HttpMethod.Post, "/api/place-names/index/rebuild");
            rebuild.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token("benchmark-admin", ["admin"]));
            using var response = await http.SendAsync(rebuild, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            Console.WriteLine($"index rebuild: {(int)response.StatusCode} {text} after {rebuildClock.Elapsed.TotalSeconds:F1} s");
            if (response.IsSuccessStatusCode)
            {
                return JsonDocument.Parse(text).RootElement.GetProperty("entries").GetInt32();
            }

            // 409: the build still running from the previous ask met this one's write; it is asked again too.
            if (response.StatusCode is not (System.Net.HttpStatusCode.ServiceUnavailable or System.Net.HttpStatusCode.Conflict)
                || rebuildClock.Elapsed > TimeSpan.FromMinutes(15))
            {
                return null;
            }
        }
    }

    /// <summary>
    /// The official names the stock import recorded, as the reference's rows: read back from the API's own database
    /// (SQLite allows this reader beside the running service), each name's characters and its spelling normalised as
    /// the Registry's search normalises them (<see cref="PlaceNameViews.SearchText"/>), so a fragment of either finds
    /// it in both. They carry no point.
    /// </summary>
    internal static async Task<List<(string Text, string? Lng, string? Lat)>> StockNamesAsync(string dataDirectory,
        CancellationToken cancellationToken)
    {
        using var store = new SqliteGrainStateStore(Path.Combine(dataDirectory, "registry.db"));
        await store.InitializeAsync(cancellationToken);
        var rows = new List<(string Text, string? Lng, string? Lat)>();
        await foreach (var record in store.ReadAllAsync(StorageNames.PlaceName,
                           id => id.Contains("/" + PlaceName.StockId(""), StringComparison.Ordinal), cancellationToken))
        {
            using var state = JsonDocument.Parse(record.State.StateJson);
            var name = state.RootElement.GetProperty("name").GetString() ?? "";
            var spelling = state.RootElement.TryGetProperty("romanization", out var r) ? r.GetString() ?? "" : "";
            rows.Add(($"{PlaceNameViews.SearchText(name)} {PlaceNameViews.SearchText(spelling)}", null, null));
        }

        Console.WriteLine($"reference: {rows.Count} official names read back from the Registry's records");
        return rows;
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

    /// <summary>Runs a silo import command (<paramref name="command"/>: its name and input file) on the data
    /// directory, its rejections written beside it.</summary>
    internal static Task ImportAsync(string dataDirectory, string[] command, CancellationToken cancellationToken) =>
        ImportAsync(dataDirectory, command, [], new Dictionary<string, string>(), cancellationToken);

    /// <summary>Runs a silo import command as <see cref="ImportAsync(string, string[], CancellationToken)"/> does, with
    /// more settings (<paramref name="settings"/>, e.g. another storage) and environment variables.</summary>
    internal static async Task ImportAsync(string dataDirectory, string[] command, IEnumerable<string> settings,
        IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        // The silo's build output sits where the API's does, under silo/Registry.Silo instead of api/Registry.Api.
        var silo = Path.Combine(BenchmarkApiProcess.OutputDirectory.Replace(
            Path.Combine("api", "Registry.Api"), Path.Combine("silo", "Registry.Silo"), StringComparison.Ordinal),
            "Registry.Silo.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, WorkingDirectory = dataDirectory };
        foreach (var argument in new[]
                 {
                     silo, command[0], command[1], Path.Combine(dataDirectory, command[0] + ".rejections.csv"),
                     $"--Registry:DataDirectory={dataDirectory}", "--Registry:Seed:PlaceNames=false",
                     "--Logging:LogLevel:Default=Warning",
                 }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        Console.Write(output);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command[0]} exited with {process.ExitCode}");
        }
    }

    /// <summary>The median (of an even count, the mean of the middle two).</summary>
    internal static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    internal static string DefaultCities()
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
