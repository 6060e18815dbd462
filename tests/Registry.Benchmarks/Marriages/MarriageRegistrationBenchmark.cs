using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Registry.Abstractions.Persons;
using Registry.Benchmarks.Statistics;

namespace Registry.Benchmarks.Marriages;

/// <summary>
/// Peak day at every office: marriage registrations through the REST API, run as a real process (embedded silo,
/// SQLite storage with synchronous=FULL) from many concurrent HTTP clients across many offices; then pgbench's
/// built-in TPC-B-like run against a PostgreSQL 15 server started for the purpose, as the reference for durable
/// transactions on the same machine in the same run.
/// </summary>
/// <remarks>
/// Needs the API built in Release (<c>dotnet build -c Release api/Registry.Api</c>) and, for the reference, the
/// Debian postgresql-15 binaries; as root the server runs as the <c>postgres</c> user. Both servers listen on
/// 127.0.0.1 on free ports and are stopped, and their data deleted, at the end.
/// </remarks>
public sealed class MarriageRegistrationBenchmark : IBenchmark
{
    private const string Issuer = "registry-benchmark";
    private const string Audience = "registry";
    private const string PostgresBin = "/usr/lib/postgresql/15/bin";

    public string Name => "marriage-registrations";

    public string Description =>
        "marriage registrations over HTTP (64 clients, 300 offices, durable SQLite) beside pgbench TPC-B (16 clients)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var options = Options.Parse(args);
        var root = RepositoryRoot();
        var apiDll = Path.Combine(Organizations.BenchmarkApiProcess.ApiDirectory, "Registry.Api.dll");
        if (!File.Exists(apiDll))
        {
            Console.Error.WriteLine(
                $"Build the API first: dotnet build -c Release api/Registry.Api ({apiDll} missing)");
            return 2;
        }

        Console.WriteLine(Machine());
        var counties = Counties(root);
        var offices = Enumerable.Range(0, options.Offices)
            .Select(i => counties[(int)((long)i * counties.Count / options.Offices)])
            .ToList();
        Console.WriteLine($"{options.Offices} offices from {offices[0]} to {offices[^1]}; " +
            $"{options.Registrations:N0} registrations after {options.Warmup:N0} warm-up, {options.Clients} clients, " +
            $"{options.Archive:N0} archive records stored first");

        var registration = await RunRegistrationsAsync(options, apiDll, counties, offices, cancellationToken);
        var pgbench = options.SkipPgbench ? null : await RunPgbenchAsync(options.PgbenchSeconds, options.PgbenchScale, cancellationToken);

        Console.WriteLine();
        var tps = pgbench?.ToString("F0", CultureInfo.InvariantCulture) ?? "-";
        var ratio = pgbench is { } reference
            ? (registration.PerSecond / reference).ToString("F2", CultureInfo.InvariantCulture)
            : "-";
        Console.WriteLine("| registrations/s | p50 ms | p90 ms | p99 ms | max ms | errors | pgbench tps | ratio |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {registration.PerSecond:F0} | {registration.P50:F1} | {registration.P90:F1} | " +
            $"{registration.P99:F1} | {registration.Max:F1} | {registration.Errors} | {tps} | {ratio} |"));
        return registration.Errors == 0 ? 0 : 1;
    }

    private static async Task<RegistrationResult> RunRegistrationsAsync(Options options, string apiDll,
        IReadOnlyList<string> counties, IReadOnlyList<string> offices, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.Combine(options.DataRoot, "registry-bench-" + Guid.NewGuid().ToString("N"));
        var signingKey = RandomNumberGenerator.GetBytes(32);
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(apiDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     apiDll, $"--urls={address}", $"--Registry:DataDirectory={dataDirectory}",
                     $"--Registry:Clustering:SiloPort={FreePort()}", "--Registry:Clustering:GatewayPort=0",
                     "--Registry:Seed:PlaceNames=false",
                     $"--Authentication:Schemes:Bearer:ValidIssuer={Issuer}",
                     $"--Authentication:Schemes:Bearer:ValidAudiences:0={Audience}",
                     $"--Authentication:Schemes:Bearer:SigningKeys:0:Issuer={Issuer}",
                     $"--Authentication:Schemes:Bearer:SigningKeys:0:Value={Convert.ToBase64String(signingKey)}",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        // Not "Production": production accepts only an OpenID Connect authority's keys and refuses to start without
        // one, so the tokens this run signs could not be used (see BenchmarkApiProcess).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Benchmark";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var seededBytes = -1L;
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(log, e.Data);
        process.ErrorDataReceived += (_, e) => Append(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var handler = new SocketsHttpHandler
            {
                MaxConnectionsPerServer = options.Clients,
                PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            };
            using var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
            client.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Bearer", Token(signingKey, "registrar.marriage"));
            var startedAt = Stopwatch.StartNew();
            await WaitUntilReadyAsync(client, process, log, cancellationToken);
            Console.WriteLine(
                $"API ready (seeded) in {startedAt.Elapsed.TotalSeconds:F1} s at {address}, pid {process.Id}");
            seededBytes = DataBytes(dataDirectory);

            var people = new People(counties);
            if (options.Archive > 0)
            {
                // A shared host may slow a 5,000-line request past the measured phases' timeout: its own client.
                using var archiveClient = new HttpClient(new SocketsHttpHandler())
                {
                    BaseAddress = address,
                    Timeout = TimeSpan.FromMinutes(30),
                };
                archiveClient.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
                process.Refresh();
                var archiveCpu = process.TotalProcessorTime;
                var archiveClock = Stopwatch.StartNew();
                await ImportArchiveAsync(archiveClient, counties, options.Archive, cancellationToken);
                process.Refresh();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"CPU per archive record: API process " +
                    $"{(process.TotalProcessorTime - archiveCpu).TotalMilliseconds / options.Archive:F2} ms"));

                // The records' read models (statistics, office registers, name index) are published by the outbox
                // relay, partly after the import answered: the work is the import's until the API is idle again.
                await ApiIdle.WaitAsync(() =>
                {
                    process.Refresh();
                    return process.TotalProcessorTime;
                }, cancellationToken);
                var settled = archiveClock.Elapsed - TimeSpan.FromSeconds(2);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"archive settled (API idle) {settled.TotalSeconds:F1} s after the " +
                    $"import started: {options.Archive / settled.TotalSeconds:F0}/s; " +
                    $"API CPU per archive record with its publication " +
                    $"{(process.TotalProcessorTime - archiveCpu).TotalMilliseconds / options.Archive:F2} ms"));
            }

            // A marriage registrar acts at their own office: one token per office (claim office).
            var tokens = offices.Distinct().ToDictionary(office => office,
                office => new AuthenticationHeaderValue("Bearer", Token(signingKey, "registrar.marriage", office)));
            await DriveAsync(client, tokens, people, offices, 0, options.Warmup, options.Clients, cancellationToken);
            process.Refresh();
            var apiCpu = process.TotalProcessorTime;
            var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var result = await DriveAsync(client, tokens, people, offices, options.Warmup, options.Registrations,
                options.Clients, cancellationToken);
            process.Refresh();
            var apiCpuPer = (process.TotalProcessorTime - apiCpu).TotalMilliseconds / options.Registrations;
            var ownCpuPer = (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalMilliseconds /
                options.Registrations;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU per registration: API process {apiCpuPer:F2} ms, load generator {ownCpuPer:F2} ms " +
                $"(ceiling on {Environment.ProcessorCount} cores with nothing else running: " +
                $"{Environment.ProcessorCount * 1000 / (apiCpuPer + ownCpuPer):F0}/s)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"registrations: {options.Registrations:N0} in {result.Elapsed.TotalSeconds:F1} s = " +
                $"{result.PerSecond:F0}/s; p50 {result.P50:F1} ms, p90 {result.P90:F1} ms, p99 {result.P99:F1} ms, " +
                $"max {result.Max:F1} ms; {result.Errors} errors"));
            foreach (var sample in result.ErrorSamples)
            {
                Console.WriteLine("  error: " + sample);
            }

            await VerifyAsync(client, people, options.Warmup, options.Registrations);
            await NationalYearStatistics.MeasureAsync(client,
                new AuthenticationHeaderValue("Bearer", Token(signingKey, "admin")), 50, cancellationToken);
            return result;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }

            lock (log)
            {
                var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
                var failure = Array.FindIndex(lines, l => l.StartsWith("fail:", StringComparison.Ordinal));
                Console.WriteLine($"API log: {lines.Length} lines; " +
                    (failure < 0 ? "no failures" : "the first failure:"));
                foreach (var line in failure < 0 ? [] : lines.Skip(failure).Take(40))
                {
                    Console.WriteLine("  " + line);
                }
            }

            var size = DataBytes(dataDirectory);
            Console.WriteLine($"database: {size / 1_048_576.0:F0} MiB under {dataDirectory}");
            if (seededBytes >= 0)
            {
                // What the marriages added: every file of the data directory (WAL included) at the end, less what
                // the seeded reference data took before the first record.
                var records = options.Archive + options.Warmup + options.Registrations;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"disk per marriage record: {(size - seededBytes) / (double)records:F0} bytes " +
                    $"({(size - seededBytes) / 1_048_576.0:F1} MiB over {records:N0} records; " +
                    $"{seededBytes / 1_048_576.0:F1} MiB seeded before them)"));
            }

            if (!options.KeepData && Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    private static long DataBytes(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory).Sum(f => new FileInfo(f).Length) : 0;

    /// <summary>
    /// Stores <paramref name="count"/> records from the archive before the measured phases, through the archive
    /// import (<c>POST /api/marriages/archive-imports</c>, 5,000 lines a request): couples of their own, registered
    /// 2010-2019 at the province's department (in force on every such date, unlike counties created since), one in
    /// three ended by a divorce registration three years later. The couples are people of their own, born 1940-1967,
    /// so no one registered later in the run is among them. Every line must be stored.
    /// </summary>
    private static async Task ImportArchiveAsync(HttpClient client, IReadOnlyList<string> counties, int count,
        CancellationToken cancellationToken)
    {
        var people = new People(counties, new DateOnly(1940, 1, 1));
        // The import answers once its lines are entered: requests of 5,000 lines stay well inside the client's timeout.
        const int PerRequest = 5_000;
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < count; start += PerRequest)
        {
            var csv = new StringBuilder(
                "certificateNumber,registeredOn,office,volume,page,aDocumentType,aNumber,aCountry,aSex,aBirthDate," +
                "aName,aNationality,bDocumentType,bNumber,bCountry,bSex,bBirthDate,bName,bNationality," +
                "endKind,endedOn,endReference,endAuthority,endParty\n");
            var lines = Math.Min(PerRequest, count - start);
            for (var i = start; i < start + lines; i++)
            {
                var (man, woman) = (people.Man(i), people.Woman(i));
                var office = man[..2] + "0000";
                var on = new DateOnly(2010, 1, 1).AddDays(i % 3_650);
                var end = i % 3 == 0
                    ? $"divorce-registration,{on.AddYears(3):yyyy-MM-dd},L{office}-{on.Year + 3}-{i:0000000},{office},"
                    : ",,,,";
                csv.Append(CultureInfo.InvariantCulture,
                    $"J{office}-{on.Year}-{i:0000000},{on:yyyy-MM-dd},{office},{on.Year}-婚-{i / 500},{i % 500 + 1},," +
                    $"{man},,,,{ArchiveName("张", man)},中国,,{woman},,,,{ArchiveName("李", woman)},中国,{end}\n");
            }

            await PostArchiveAsync(client, null, csv.ToString(), lines, cancellationToken);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"archive: {count:N0} records stored through the archive import in {clock.Elapsed.TotalSeconds:F1} s " +
            $"({count / clock.Elapsed.TotalSeconds:F0}/s; one in three ended by a divorce registration)"));
    }

    /// <summary>Posts one request of the archive import (<paramref name="csv"/>, <paramref name="lines"/> lines after
    /// its header) and throws unless every line was stored. A 503 (the silo did not answer in time: a host shared with
    /// other work) is posted again after its Retry-After, a few times: the import is idempotent by certificate number,
    /// and a line entered by the first attempt counts as stored in the next.</summary>
    internal static async Task PostArchiveAsync(HttpClient client, AuthenticationHeaderValue? bearer, string csv,
        int lines, CancellationToken cancellationToken)
    {
        const int attempts = 5;
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/marriages/archive-imports")
            {
                Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
            };
            request.Headers.Authorization = bearer ?? client.DefaultRequestHeaders.Authorization;
            using var response = await client.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < attempts)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5);
                Console.WriteLine($"  archive import answered 503; posting the same lines again in {wait.TotalSeconds} s");
                await Task.Delay(wait, cancellationToken);
                continue;
            }

            var stored = response.IsSuccessStatusCode
                ? JsonDocument.Parse(text).RootElement.GetProperty("stored").GetInt32()
                : -1;
            if (stored != lines)
            {
                throw new InvalidOperationException(
                    $"The archive import stored {stored} of {lines} lines: {text[..Math.Min(text.Length, 2_000)]}");
            }

            return;
        }
    }

    /// <summary>A name holds what an identity document can: the number's digits as Han numerals, the
    /// <paramref name="digits"/> before its check digit (fewer digits make fewer names, each borne by more people, as
    /// a national register's common names are).</summary>
    internal static string ArchiveName(string surname, string idNumber, int digits = 4) =>
        surname + string.Concat(idNumber[^(digits + 1)..^1].Select(d => "零一二三四五六七八九"[d - '0']));

    /// <summary>Registers couples <paramref name="first"/> .. first + count - 1 from <paramref name="clients"/>
    /// concurrent loops, each timing its own requests.</summary>
    private static async Task<RegistrationResult> DriveAsync(HttpClient client,
        IReadOnlyDictionary<string, AuthenticationHeaderValue> tokens, People people,
        IReadOnlyList<string> offices, int first, int count, int clients, CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        var starts = new double[count];
        var next = -1;
        var errors = 0;
        var samples = new List<string>();
        var clock = Stopwatch.StartNew();
        var origin = Stopwatch.GetTimestamp();
        var loops = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                if (i >= count)
                {
                    return;
                }

                var couple = first + i;
                var office = offices[couple % offices.Count];
                using var body = new ByteArrayContent(RegistrationBody(people, couple, office));
                body.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var started = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/marriages") { Content = body };
                request.Headers.Authorization = tokens[office];
                using var response = await client.SendAsync(request, cancellationToken);
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                starts[i] = Stopwatch.GetElapsedTime(origin, started).TotalMilliseconds;
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    Interlocked.Increment(ref errors);
                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    lock (samples)
                    {
                        if (samples.Count < 5)
                        {
                            samples.Add($"{(int)response.StatusCode} {text}");
                        }
                    }
                }
            }
        }, cancellationToken)).ToList();
        await Task.WhenAll(loops);
        var elapsed = clock.Elapsed;
        var phase = $"registrations {first} to {first + count - 1}";
        if (ClosedLoop.Slowest(phase, starts, latencies, DateTime.UtcNow - elapsed) is { } stops)
        {
            Console.WriteLine($"  {phase}, slowest 1%: {stops}");
        }

        Array.Sort(latencies);
        return new RegistrationResult(elapsed, count / elapsed.TotalSeconds, Percentile(latencies, 0.50),
            Percentile(latencies, 0.90), Percentile(latencies, 0.99), latencies[^1], errors, samples);
    }

    /// <summary>Reads a few registered people back: each must be married, to the right partner.</summary>
    private static async Task VerifyAsync(HttpClient client, People people, int first, int count)
    {
        foreach (var couple in new[] { first, first + (count / 2), first + count - 1 })
        {
            var status = JsonDocument.Parse(
                await client.GetStringAsync($"/api/persons/{people.Man(couple)}/marital-status")).RootElement;
            var married = status.GetProperty("status").GetString() == "married"
                && status.GetProperty("records")[0].GetProperty("spouse").GetString()
                == ResidentIdNumber.Mask(people.Woman(couple));
            if (!married)
            {
                throw new InvalidOperationException($"Couple {couple} did not read back as married: {status}");
            }
        }

        Console.WriteLine("verified: sampled couples read back as married to each other");
    }

    private static byte[] RegistrationBody(People people, int couple, string office) =>
        RegistrationJson(office, (people.Man(couple), "张"), (people.Woman(couple), "李"));

    /// <summary>The body of a registration at <paramref name="office"/> of two mainland residents, both present and
    /// declaring no spouse and no prohibited kinship; each party's name is the surname and the identity number's
    /// digits as Han numerals (what an identity document can hold).</summary>
    internal static byte[] RegistrationJson(string office, (string IdNumber, string Surname) partyA,
        (string IdNumber, string Surname) partyB)
    {
        using var buffer = new MemoryStream(384);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("office", office);
            foreach (var (name, (idNumber, surname)) in new[] { ("partyA", partyA), ("partyB", partyB) })
            {
                json.WriteStartObject(name);
                json.WriteString("idNumber", idNumber);
                json.WriteString("name", ArchiveName(surname, idNumber));
                json.WriteString("nationality", "中国");
                json.WriteEndObject();
            }

            json.WriteStartObject("declarations");
            json.WriteBoolean("noSpouse", true);
            json.WriteBoolean("noProhibitedKinship", true);
            json.WriteEndObject();
            json.WriteBoolean("bothPresent", true);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>pgbench -i -s SCALE, then pgbench -c 16 -j 2 -T SECONDS (the built-in TPC-B-like script) against a
    /// PostgreSQL 15 server started for it and deleted after; returns tps (null when PostgreSQL is not installed).
    /// Shared by the benchmarks that compare with it.</summary>
    internal static async Task<double?> RunPgbenchAsync(int seconds, int scale, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(PostgresBin, "postgres")))
        {
            Console.WriteLine($"pgbench: skipped, no PostgreSQL 15 under {PostgresBin}");
            return null;
        }

        var asRoot = Environment.UserName == "root";
        var directory = Path.Combine(Path.GetTempPath(), "registry-pgbench-" + Guid.NewGuid().ToString("N"));
        var port = FreePort().ToString(CultureInfo.InvariantCulture);
        string[] AsServerUser(string program, params string[] arguments) =>
            asRoot ? ["runuser", "-u", "postgres", "--", Path.Combine(PostgresBin, program), .. arguments]
                : [Path.Combine(PostgresBin, program), .. arguments];
        try
        {
            await ExecAsync(AsServerUser("initdb", "-D", directory, "-A", "trust", "-U", "postgres", "-E", "UTF8"),
                cancellationToken);
            await ExecAsync(AsServerUser("pg_ctl", "-D", directory, "-l", Path.Combine(directory, "server.log"), "-w",
                "-o", $"-p {port} -k {directory} -c listen_addresses=127.0.0.1", "start"), cancellationToken);
            var connection = new[] { "-h", "127.0.0.1", "-p", port, "-U", "postgres" };
            await ExecAsync([Path.Combine(PostgresBin, "pgbench"), "-i", "-q", "-s",
                scale.ToString(CultureInfo.InvariantCulture), .. connection, "postgres"],
                cancellationToken);
            var output = await ExecAsync([Path.Combine(PostgresBin, "pgbench"), "-c", "16", "-j", "2", "-T",
                seconds.ToString(CultureInfo.InvariantCulture), .. connection, "postgres"],
                cancellationToken);
            var tpsLine = output.Split('\n').First(l => l.StartsWith("tps = ", StringComparison.Ordinal));
            var settings = await ExecAsync([Path.Combine(PostgresBin, "psql"), .. connection, "-At", "-c",
                "select name || '=' || setting from pg_settings " +
                "where name in ('fsync','synchronous_commit','wal_sync_method','full_page_writes')",
                "postgres"], cancellationToken);
            var server = settings.ReplaceLineEndings(", ").Trim(',', ' ');
            Console.WriteLine($"pgbench (scale {scale}, 16 clients, 2 threads, " +
                $"{seconds} s): {tpsLine.Trim()}; server {server}");
            var tps = tpsLine["tps = ".Length..].Split(' ')[0];
            return double.Parse(tps, CultureInfo.InvariantCulture);
        }
        finally
        {
            if (File.Exists(Path.Combine(directory, "postmaster.pid")))
            {
                await ExecAsync(AsServerUser("pg_ctl", "-D", directory, "-m", "fast", "-w", "stop"),
                    CancellationToken.None);
            }

            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static async Task<string> ExecAsync(string[] command, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command[0]} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(' ', command)} exited with {process.ExitCode}: {await stderr}");
        }

        return await stdout + await stderr;
    }

    private static async Task WaitUntilReadyAsync(HttpClient client, Process process, StringBuilder log,
        CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {process.ExitCode}:\n{log}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready", cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            // Polling another process's readiness: there is no event to await.
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new TimeoutException($"The API was not ready within 3 minutes:\n{log}");
    }

    /// <summary>An HS256 JWT as <c>dotnet user-jwts</c> would issue, signed with the key given to the API.</summary>
    private static string Token(byte[] key, string role, string office = "100000")
    {
        static string Base64Url(byte[] bytes) =>
            Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["alg"] = "HS256",
            ["typ"] = "JWT",
        }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["sub"] = "benchmark",
            ["unique_name"] = "benchmark",
            ["role"] = role,
            ["office"] = office,
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["nbf"] = now - 60,
            ["iat"] = now - 60,
            ["exp"] = now + 6 * 3600,
        }));
        var signature = Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    internal static IReadOnlyList<string> Counties(string root) =>
        File.ReadLines(Path.Combine(root, "silo", "Registry.Hosting", "ReferenceData", "divisions",
                "divisions-2023-areas.csv"))
            .Skip(1)
            .Select(line => line[..line.IndexOf(',')])
            .Distinct()
            .ToList();

    internal static string Machine()
    {
        var cpu = File.ReadLines("/proc/cpuinfo")
            .FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            ?.Split(':')[1].Trim() ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").First().Split(':')[1].Trim();
        var load = File.ReadAllText("/proc/loadavg").Trim();
        return $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; {Environment.ProcessorCount} x {cpu}, {memory} memory; " +
            $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}; " +
            $".NET {Environment.Version}; load average {load}";
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Registry.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Registry.sln not found above the benchmark");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            if (log.Length < 1_000_000)
            {
                log.AppendLine(line);
            }
        }
    }

    /// <summary>Two distinct people per couple: a real county code, a birth date in the 10,000 days from
    /// <c>earliest</c> (1970 unless given), and a sequence code of the right parity, with the check character
    /// computed.</summary>
    private sealed class People(IReadOnlyList<string> counties, DateOnly earliest)
    {
        public People(IReadOnlyList<string> counties)
            : this(counties, new DateOnly(1970, 1, 1))
        {
        }

        public string Man(int couple) => Person((2 * couple) + 0, 1);

        public string Woman(int couple) => Person((2 * couple) + 1, 0);

        private string Person(int n, int parity)
        {
            var county = counties[n % counties.Count];
            var sequence = (n / counties.Count % 500 * 2) + parity;
            return ResidentIdNumber.Compose(county, earliest.AddDays((int)((n * 7_919L) % 10_000)), sequence);
        }
    }

    private sealed record RegistrationResult(TimeSpan Elapsed, double PerSecond, double P50, double P90, double P99,
        double Max, int Errors, IReadOnlyList<string> ErrorSamples);

    private sealed record Options(int Registrations, int Warmup, int Clients, int Offices, int PgbenchSeconds,
        int PgbenchScale, bool SkipPgbench, bool KeepData, string DataRoot, int Archive)
    {
        public static Options Parse(IReadOnlyList<string> args)
        {
            string? Value(string name) =>
                args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
            int Number(string name, int fallback) =>
                Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
            return new Options(
                Registrations: Number("--registrations", 100_000),
                // A warm-up of a few seconds: the API and silo projects set the runtime to optimise hot code without
                // the default call-counting delay, without which a fresh process ran ~10 s at half the rate.
                Warmup: Number("--warmup", 5_000),
                Clients: Number("--clients", 64),
                Offices: Number("--offices", 300),
                PgbenchSeconds: Number("--pgbench-seconds", 60),
                PgbenchScale: Number("--pgbench-scale", 16),
                SkipPgbench: args.Contains("--skip-pgbench"),
                KeepData: args.Contains("--keep-data"),
                DataRoot: Value("--data-root") ?? Path.GetTempPath(),
                // Records already stored from the archive when the registrations start (issue 19's proof).
                Archive: Number("--archive", 50_000));
        }
    }
}
