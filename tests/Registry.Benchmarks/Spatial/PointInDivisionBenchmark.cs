using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.IO;
using Registry.Abstractions.Spatial;

namespace Registry.Benchmarks.Spatial;

/// <summary>
/// Point-in-division over the 4,595 Natural Earth admin-1 polygons (world/admin1-10m.geojson): the Registry's
/// <c>GET /api/spatial/divisions</c> through HTTP (wrk), against PostgreSQL + PostGIS answering ST_Contains with a
/// GiST index (pgbench, prepared statements) and a trivial minimal-API JSON endpoint (wrk), all at the same
/// concurrency, in interleaved rounds of one run, on the same random points inside the polygons. PostGIS is the
/// oracle: the Registry must give the same set of areas for every point.
/// </summary>
public sealed class PointInDivisionBenchmark : IBenchmark
{
    private const string Scheme = "ne-adm1";

    public string Name => "point-in-division";

    public string Description =>
        "Registry point-in-division over HTTP vs PostGIS ST_Contains (pgbench) vs a trivial minimal API (wrk)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = Options.Parse(args);
        foreach (var tool in new[] { "wrk", "pgbench", "psql" })
        {
            if (!Processes.Found(tool))
            {
                Console.Error.WriteLine($"{tool} is required (Debian: apt-get install wrk postgresql-15-postgis-3).");
                return 2;
            }
        }

        var repository = Repository();
        var data = options.Data ?? Path.GetFullPath(Path.Combine(repository, "..", "shared", "data", "world",
            "admin1-10m.geojson"));
        var work = Path.Combine(Path.GetTempPath(), "registry-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        Console.WriteLine($"{Machine()}\nData: {data}\nWork: {work}");
        try
        {
            return await RunAsync(options, repository, data, work, cancellationToken);
        }
        finally
        {
            if (!options.Keep)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<int> RunAsync(Options options, string repository, string data, string work,
        CancellationToken cancellationToken)
    {
        var started = new List<RegistryApiProcess>();
        try
        {
            return await RunAsync(options, repository, data, work, started, cancellationToken);
        }
        finally
        {
            foreach (var process in started)
            {
                await process.DisposeAsync();
            }
        }
    }

    private static async Task<int> RunAsync(Options options, string repository, string data, string work,
        List<RegistryApiProcess> started, CancellationToken cancellationToken)
    {
        var api = await RegistryApiProcess.StartAsync(repository, Path.Combine(work, "registry"),
            ["--Registry:Seed:Geometry=false"], cancellationToken);
        started.Add(api);

        Step("Importing the polygons into the Registry through HTTP (POST /api/boundaries/imports)");
        var clock = Stopwatch.StartNew();
        using var registrar = api.Client("registrar.boundaries");
        using var body = new StreamContent(File.OpenRead(data));
        body.Headers.ContentType = new("application/geo+json");
        var importResponse = await registrar.PostAsync(
            $"/api/boundaries/imports?kind=divisions&scheme={Scheme}&layer=province&codeProperty=diss_me" +
            "&nameProperty=name&reason=benchmark&source=natural-earth-admin1-10m&wait=true", body, cancellationToken);
        var import = JsonDocument.Parse(await importResponse.Content.ReadAsStringAsync(cancellationToken)).RootElement;
        if (!importResponse.IsSuccessStatusCode)
        {
            throw new InvalidOperationException("Import failed: " + import);
        }

        var rejected = import.GetProperty("rejections").EnumerateArray()
            .ToDictionary(r => r.GetProperty("index").GetInt32(),
                r => $"{r.GetProperty("feature").GetString()}: {r.GetProperty("rule").GetString()} " +
                     r.GetProperty("message").GetString());
        Console.WriteLine($"  {import.GetProperty("total").GetInt32()} features, {import.GetProperty("created").GetInt32()} " +
            $"stored, {rejected.Count} rejected, in {clock.Elapsed:mm\\:ss}");
        foreach (var reason in rejected.Values)
        {
            Console.WriteLine("  rejected " + reason);
        }

        var polygons = Polygons(data, rejected.Keys.ToHashSet());
        Step($"Drawing {options.Points} random points inside the {polygons.Count} stored polygons (seed {options.Seed})");
        var points = RandomPoints(polygons, options.Points, options.Seed);

        Step("Asking the Registry for every point");
        var registryAnswers = await RegistryAnswersAsync(api, points, cancellationToken);

        Step("Killing the API and starting it again on the same data: time to the first answers");
        await api.DisposeAsync();
        var restart = Stopwatch.StartNew();
        api = await RegistryApiProcess.StartAsync(repository, Path.Combine(work, "registry"),
            ["--Registry:Seed:Geometry=false"], cancellationToken);
        started.Add(api);
        var ready = restart.Elapsed;
        using (var client = api.Client())
        {
            await client.GetStringAsync(UrlOf(points[0]), cancellationToken);
        }

        var firstAnswer = restart.Elapsed;
        var afterRestart = await RegistryAnswersAsync(api, points, cancellationToken);
        var everyTile = restart.Elapsed;
        var same = Enumerable.Range(0, points.Count).Count(i => afterRestart[i].SequenceEqual(registryAnswers[i]));
        Console.WriteLine(FormattableString.Invariant(
            $"  cold start: ready {ready.TotalSeconds:0.00} s, first answer {firstAnswer.TotalSeconds:0.00} s, all {points.Count} points answered {everyTile.TotalSeconds:0.00} s after the start; {same}/{points.Count} answers as before the restart"));

        Step("Loading the same polygons and points into PostgreSQL + PostGIS (GiST index)");
        await using var postgis = await PostGisServer.StartAsync(work, cancellationToken);
        await LoadAsync(postgis, polygons, points, cancellationToken);
        var oracle = await OracleAnswersAsync(postgis, cancellationToken);
        var mismatches = Enumerable.Range(0, points.Count)
            .Where(i => !registryAnswers[i].SequenceEqual(oracle.GetValueOrDefault(i, [])))
            .ToList();
        Console.WriteLine($"  Oracle: {points.Count - mismatches.Count}/{points.Count} points answered the same as " +
            $"PostGIS ({oracle.Count} inside some polygon)");
        foreach (var i in mismatches.Take(10))
        {
            var registryText = string.Join(",", registryAnswers[i]);
            var postgisText = string.Join(",", oracle.GetValueOrDefault(i, []));
            Console.WriteLine(FormattableString.Invariant(
                $"  differs at ({points[i].X}, {points[i].Y}): registry [{registryText}], postgis [{postgisText}]"));
        }

        var script = Path.Combine(work, "postgis.sql");
        await File.WriteAllTextAsync(script,
            "\\set id random(0, " + (points.Count - 1) + ")\n" +
            "SELECT a.code FROM areas a JOIN points p ON ST_Contains(a.geom, p.geom) WHERE p.id = :id;\n",
            cancellationToken);
        var wrkScript = Wrk.Script(work, points.Select(UrlOf).ToList());
        await using var trivial = await TrivialJsonServer.StartAsync();

        Step($"Warming up each system ({options.Warmup.TotalSeconds:0} s)");
        await Wrk.RunAsync(api.Url, options.Connections, options.Warmup, wrkScript, cancellationToken);
        await postgis.PgbenchAsync(script, options.Connections, options.Warmup, cancellationToken);
        await Wrk.RunAsync(trivial.Url + "/json", options.Connections, options.Warmup, null, cancellationToken);

        var registry = new List<Measurement>();
        var database = new List<Measurement>();
        var ceiling = new List<Measurement>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            Step($"Round {round}/{options.Rounds}: {options.Duration.TotalSeconds:0} s each, {options.Connections} clients");
            registry.Add(await Wrk.RunAsync(api.Url, options.Connections, options.Duration, wrkScript, cancellationToken));
            database.Add(await postgis.PgbenchAsync(script, options.Connections, options.Duration, cancellationToken));
            ceiling.Add(await Wrk.RunAsync(trivial.Url + "/json", options.Connections, options.Duration, null,
                cancellationToken));
            Console.WriteLine(FormattableString.Invariant(
                $"  registry {registry[^1].PerSecond:0}/s p99 {registry[^1].P99Milliseconds:0.00} ms | postgis {database[^1].PerSecond:0}/s p99 {database[^1].P99Milliseconds:0.00} ms | trivial {ceiling[^1].PerSecond:0}/s p99 {ceiling[^1].P99Milliseconds:0.00} ms"));
        }

        Report(options, registry, database, ceiling, mismatches.Count, points.Count, polygons.Count);
        return mismatches.Count == 0 ? 0 : 1;
    }

    private static void Report(Options options, List<Measurement> registry, List<Measurement> database,
        List<Measurement> ceiling, int mismatches, int points, int polygons)
    {
        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToList();
            return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        }

        var r = Median(registry.Select(m => m.PerSecond));
        var d = Median(database.Select(m => m.PerSecond));
        var t = Median(ceiling.Select(m => m.PerSecond));
        var rp99 = Median(registry.Select(m => m.P99Milliseconds));
        var dp99 = Median(database.Select(m => m.P99Milliseconds));
        var tp99 = Median(ceiling.Select(m => m.P99Milliseconds));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            | measurement ({options.Connections} clients, median of {options.Rounds} x {options.Duration.TotalSeconds:0} s) | per second | p99 latency |
            |---|---|---|
            | Registry GET /api/spatial/divisions (wrk) | {r:0} | {rp99:0.00} ms |
            | PostGIS ST_Contains + GiST (pgbench -M prepared) | {d:0} | {dp99:0.00} ms |
            | trivial minimal-API JSON (wrk) | {t:0} | {tp99:0.00} ms |

            Registry / PostGIS = {r / d:0.00} (target >= 1.5); Registry / trivial = {r / t:0.00} (target >= 0.65);
            p99 {rp99:0.00} ms (target < 5); same answer as PostGIS for {points - mismatches}/{points} points over {polygons} polygons.
            """));
    }

    private static async Task<List<string[]>> RegistryAnswersAsync(RegistryApiProcess api, IReadOnlyList<Point> points,
        CancellationToken cancellationToken)
    {
        using var client = api.Client();
        var answers = new string[points.Count][];
        await Parallel.ForEachAsync(Enumerable.Range(0, points.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var json = JsonDocument.Parse(await client.GetStringAsync(UrlOf(points[i]), token)).RootElement;
                answers[i] = json.GetProperty("divisions").EnumerateArray()
                    .Select(d => d.GetProperty("code").GetString()![(Scheme.Length + 1)..])
                    .Order(StringComparer.Ordinal).ToArray();
            });
        return answers.ToList();
    }

    private static async Task LoadAsync(PostGisServer postgis, IReadOnlyList<(string Code, Geometry Geometry)> polygons,
        IReadOnlyList<Point> points, CancellationToken cancellationToken)
    {
        var writer = new WKBWriter(ByteOrder.LittleEndian, handleSRID: true, emitZ: false, emitM: false);
        var areas = postgis.Shared("areas.tsv");
        await File.WriteAllLinesAsync(areas, polygons.Select(p =>
        {
            p.Geometry.SRID = Wgs84.Srid;
            return p.Code + "\t" + Convert.ToHexString(writer.Write(p.Geometry));
        }), cancellationToken);
        var pointFile = postgis.Shared("points.tsv");
        await File.WriteAllLinesAsync(pointFile, points.Select((p, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{i}\t{p.X:R}\t{p.Y:R}")), cancellationToken);
        await postgis.PsqlAsync($"""
            CREATE TABLE areas (code text PRIMARY KEY, geom geometry(Geometry, 4326) NOT NULL);
            COPY areas (code, geom) FROM '{areas}';
            CREATE INDEX areas_geom ON areas USING gist (geom);
            CREATE TABLE points (id int PRIMARY KEY, lon float8 NOT NULL, lat float8 NOT NULL, geom geometry(Point, 4326));
            COPY points (id, lon, lat) FROM '{pointFile}';
            UPDATE points SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326);
            VACUUM ANALYZE areas;
            VACUUM ANALYZE points;
            """, cancellationToken);
        var plan = await postgis.PsqlAsync(
            "EXPLAIN SELECT a.code FROM areas a JOIN points p ON ST_Contains(a.geom, p.geom) WHERE p.id = 1;",
            cancellationToken);
        Console.WriteLine("  plan: " + string.Join(" / ", plan.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Trim()).Take(4)));
    }

    private static async Task<Dictionary<int, string[]>> OracleAnswersAsync(PostGisServer postgis,
        CancellationToken cancellationToken)
    {
        var rows = await postgis.PsqlAsync(
            "SELECT p.id, a.code FROM points p JOIN areas a ON ST_Contains(a.geom, p.geom) ORDER BY p.id, a.code;",
            cancellationToken);
        return rows.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|'))
            .GroupBy(parts => int.Parse(parts[0], CultureInfo.InvariantCulture), parts => parts[1])
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>The features the Registry stored (all but the rejected ones), as it stored them.</summary>
    private static List<(string Code, Geometry Geometry)> Polygons(string data, IReadOnlySet<int> rejected)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(data));
        return GeoJson.ReadFeatureCollection(document.RootElement)
            .Where(f => !rejected.Contains(f.Index))
            .Select(f => (f.Text("diss_me")!, GeometryRules.Canonical(GeometryRules.Normalize(
                GeoJson.ReadGeometry(f.Geometry!.Value)))))
            .ToList();
    }

    /// <summary>Points drawn uniformly inside polygons drawn uniformly (rejection sampling in each envelope).</summary>
    private static List<Point> RandomPoints(IReadOnlyList<(string Code, Geometry Geometry)> polygons, int count, int seed)
    {
        var random = new Random(seed);
        var prepared = new ConcurrentDictionary<int, IPreparedGeometry>();
        var points = new List<Point>(count);
        while (points.Count < count)
        {
            var index = random.Next(polygons.Count);
            var geometry = polygons[index].Geometry;
            var shape = prepared.GetOrAdd(index, _ => PreparedGeometryFactory.Prepare(geometry));
            var envelope = geometry.EnvelopeInternal;
            for (var attempt = 0; attempt < 1_000; attempt++)
            {
                var point = Wgs84.Point(envelope.MinX + random.NextDouble() * envelope.Width,
                    envelope.MinY + random.NextDouble() * envelope.Height);
                if (shape.Contains(point))
                {
                    points.Add(point);
                    break;
                }
            }
        }

        return points;
    }

    private static string UrlOf(Point point) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/spatial/divisions?lon={point.X:R}&lat={point.Y:R}");

    private static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Registry.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Registry.sln not found.");
    }

    private static string Machine()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            ?.Split(':')[1].Trim() ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").First().Split(':')[1].Trim();
        var load = File.ReadAllText("/proc/loadavg").Split(' ').Take(3);
        return $"Machine: {cpu}, {Environment.ProcessorCount} cores, {memory} memory, load average " +
            $"{string.Join(" ", load)} at start; {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}; " +
            $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC";
    }

    private static void Step(string what) => Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {what}");

    private sealed record Options(TimeSpan Duration, TimeSpan Warmup, int Rounds, int Points, int Connections, int Seed,
        string? Data, bool Keep)
    {
        public static Options Parse(IReadOnlyList<string> args)
        {
            string? Value(string name) => args.FirstOrDefault(a => a.StartsWith($"--{name}=", StringComparison.Ordinal))
                ?.Split('=', 2)[1];
            int Int(string name, int fallback) =>
                Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
            return new Options(TimeSpan.FromSeconds(Int("duration", 15)), TimeSpan.FromSeconds(Int("warmup", 5)),
                Int("rounds", 3), Int("points", 10_000), Int("connections", 16), Int("seed", 20_261_123), Value("data"),
                args.Contains("--keep"));
        }
    }
}
