using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Text;

namespace Registry.Benchmarks.Organizations;

/// <summary>
/// The national register entered by the CSV import, then searched at that scale. Writes N rows (default 900,000) of
/// synthetic test data to a temporary file: codes with check characters computed per GB 32100-2015 over the real
/// county codes of the official list, organization names made of a real township's name and a common purpose,
/// people's names composed from common surnames and given-name characters, registration dates before the earliest
/// shipped edition (so every county code counts as in force then). Posts the file as one streamed request to the API
/// as a real process (embedded silo, durable SQLite), then a re-run of the same file (idempotence: nothing stored
/// twice; skipped with --no-rerun), then searches by name fragment, code, legal representative, office with the
/// offices below it, and kind with status; then waits until the API is idle (what the import left to do in the
/// background, see <see cref="ApiIdle"/>); then, with the register stored, registers R organizations (default
/// 25,000) over the counties of the largest prefecture-level city and files each one's annual report (32 in flight,
/// as organizations-register-file does), and runs pgbench's TPC-B-like script (16 clients, 60 s, scale 16) as the
/// reference in the same run; prints each phase's rate and p50/p99 and the ratios to pgbench's tps. The import runs
/// as a job (202) whose progress is polled every second (printed every 15 s). Options: --count N, --searches S (default 300),
/// --concurrency C for searches (default 8), --register R, --write-concurrency W (default 32), --pgbench-seconds,
/// --pgbench-scale, --no-rerun.
/// </summary>
public sealed class OrganizationImportBenchmark : IBenchmark
{
    private static readonly string[] Purposes =
    [
        "书法家协会", "摄影家协会", "老年人体育协会", "志愿者协会", "个体劳动者协会", "慈善协会", "残疾人福利协会",
        "青少年足球协会", "象棋协会", "诗词学会", "养蜂协会", "茶文化研究会", "民间文艺家协会", "乡村旅游协会",
        "科学技术普及协会", "社会工作协会", "家庭教育研究会", "中医药学会", "门球协会", "钓鱼协会", "登山协会",
        "太极拳协会", "商会", "红白理事会",
    ];

    private static readonly string[] Surnames =
        ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
         "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"];

    private const string GivenCharacters = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国文志";

    public string Name => "organizations-import";

    public string Description => "import N organizations from a CSV register through HTTP, then search them (real API process)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = OrganizationRegisterAndFileBenchmark.Option(args, "--count", 900_000);
        var searches = OrganizationRegisterAndFileBenchmark.Option(args, "--searches", 300);
        var concurrency = OrganizationRegisterAndFileBenchmark.Option(args, "--concurrency", 8);
        var registrations = OrganizationRegisterAndFileBenchmark.Option(args, "--register", 25_000);
        var writeConcurrency = OrganizationRegisterAndFileBenchmark.Option(args, "--write-concurrency", 32);
        var pgbenchSeconds = OrganizationRegisterAndFileBenchmark.Option(args, "--pgbench-seconds", 60);
        var pgbenchScale = OrganizationRegisterAndFileBenchmark.Option(args, "--pgbench-scale", 16);
        var rerunImport = !args.Contains("--no-rerun");
        var (city, cityCounties) = OrganizationRegisterAndFileBenchmark.LargestCity();
        var reportYear = DateTime.UtcNow.AddHours(8).Year - 1;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, " +
            $"{RuntimeInformation.FrameworkDescription}; date {DateTime.UtcNow:yyyy-MM-dd}");

        var townships = Townships();
        var file = Path.Combine(Path.GetTempPath(), $"registry-register-{Guid.NewGuid():N}.csv");
        var rows = new List<(string Uscc, string Office, string Name, string Person)>(count);
        await using (var writer = new StreamWriter(file, false, new UTF8Encoding(false)))
        {
            await writer.WriteLineAsync(Header);
            for (var i = 0; i < count; i++)
            {
                var (county, township) = townships[i % townships.Count];
                var row = Row(i, county, township, i / townships.Count);
                await writer.WriteLineAsync(row.Line);
                rows.Add((row.Uscc, county, row.Name, row.Person));
            }
        }

        Console.WriteLine($"{count} rows written to {file} ({new FileInfo(file).Length / 1024 / 1024} MiB), " +
            $"{townships.Count} townships of {townships.Select(t => t.County).Distinct().Count()} counties");
        try
        {
            await using var api = await BenchmarkApiProcess.StartAsync(
                [
                    $"--Registry:Organizations:OfficeFilingWindows:{city}:Opens=01-01",
                    $"--Registry:Organizations:OfficeFilingWindows:{city}:Closes=12-31",
                ], cancellationToken);
            using var http = new HttpClient(new SocketsHttpHandler
            {
                MaxConnectionsPerServer = Math.Max(Math.Max(concurrency, writeConcurrency), 2),
            })
            {
                BaseAddress = api.Address,
                Timeout = Timeout.InfiniteTimeSpan,
            };
            var registrar = new AuthenticationHeaderValue("Bearer", api.Token("benchmark-registrar",
                ["registrar.organizations"], new Dictionary<string, string> { ["office"] = "100000" }));

            // The API's CPU per row beside the wall time: on a shared host the wall time says how much CPU the import
            // got, the CPU per row what each row costs.
            var importCpu = new Dictionary<string, double>();
            async Task<ImportRun> TimedImportAsync(string label)
            {
                var before = api.CpuTime;
                var run = await ImportAsync(http, registrar, file, label, cancellationToken);
                importCpu[label] = (api.CpuTime - before).TotalMilliseconds / Math.Max(run.Rows, 1);
                return run;
            }

            var first = await TimedImportAsync("import");
            var rerun = rerunImport ? await TimedImportAsync("re-run") : null;

            var random = new Random(2026);
            // The API's CPU per search, beside the latencies: on a shared host the share of CPU a phase gets varies,
            // what each request costs the API does not.
            var searchCpu = new Dictionary<string, double>();
            async Task<PhaseResult> SearchPhaseAsync(string phase, Func<int, Task<bool>> send)
            {
                var before = api.CpuTime;
                var result = await ClosedLoop.MeasureAsync(phase, searches, concurrency, send, cancellationToken);
                searchCpu[phase] = (api.CpuTime - before).TotalMilliseconds / searches;
                return result;
            }

            var byName = await SearchPhaseAsync("search by name fragment", async _ =>
                await OkAsync(http, $"name={Uri.EscapeDataString(rows[random.Next(count)].Name[..^2])}", cancellationToken));
            var byCode = await SearchPhaseAsync("search by code", async _ =>
                await OkAsync(http, $"uscc={rows[random.Next(count)].Uscc}", cancellationToken));
            var byPerson = await SearchPhaseAsync("search by legal representative", async _ =>
                await OkAsync(http, $"legalRepresentative={Uri.EscapeDataString(rows[random.Next(count)].Person)}",
                    cancellationToken));
            var byOffice = await SearchPhaseAsync("search by office with those below", async _ =>
                await OkAsync(http, $"registeringOffice={rows[random.Next(count)].Office[..4]}00", cancellationToken));
            var byKind = await SearchPhaseAsync("search by kind and status", async i =>
                await OkAsync(http, $"kind={Terms((OrganizationKind)(i % 3 + 1))}&status=revoked", cancellationToken));

            // The register is stored; what the import and the searches left to do in the background (the outbox relay,
            // the index partitions' snapshots) is done before the writes are timed, so their CPU and rates are theirs.
            var busy = await ApiIdle.WaitAsync(() => api.CpuTime, cancellationToken);
            Console.WriteLine($"the API idle {busy.TotalSeconds:F0} s after the searches");
            Console.WriteLine($"with {first.Imported:N0} stored: registering {registrations:N0} organizations over the " +
                $"{cityCounties.Count} counties of {city}, then filing their reports for {reportYear}");
            var organizations = OrganizationRegisterAndFileBenchmark.CityOrganizations(cityCounties, registrations, count);
            var cpuBefore = api.CpuTime;
            var register = await OrganizationRegisterAndFileBenchmark.RegisterAsync(http, registrar, organizations,
                writeConcurrency, cancellationToken);
            var cpuRegistered = api.CpuTime;
            var filing = await OrganizationRegisterAndFileBenchmark.FileAsync(http, api, organizations, reportYear,
                writeConcurrency, cancellationToken);
            var writeCpu = new Dictionary<string, double>
            {
                [register.Phase] = (cpuRegistered - cpuBefore).TotalMilliseconds / register.Requests,
                [filing.Phase] = (api.CpuTime - cpuRegistered).TotalMilliseconds / filing.Requests,
            };
            var pgbench = await Marriages.MarriageRegistrationBenchmark.RunPgbenchAsync(pgbenchSeconds, pgbenchScale,
                cancellationToken);

            Console.WriteLine();
            Console.WriteLine("| import | rows | imported | already stored | rejected | wall s | rows/s | API CPU ms/row |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|");
            foreach (var run in new[] { first, rerun }.OfType<ImportRun>())
            {
                Console.WriteLine($"| {run.Label} | {run.Rows:N0} | {run.Imported:N0} | {run.AlreadyStored:N0} | " +
                    $"{run.Rejected:N0} | {run.Seconds:F1} | {run.Rows / run.Seconds:N0} | {importCpu[run.Label]:F2} |");
            }

            Console.WriteLine();
            Console.WriteLine("| search | requests | errors | wall s | requests/s | p50 ms | p99 ms | max ms | API CPU ms/request |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|");
            var phases = new[] { byName, byCode, byPerson, byOffice, byKind };
            foreach (var result in phases)
            {
                Console.WriteLine($"| {result.Phase} | {result.Requests:N0} | {result.Errors} | {result.Seconds:F1} | " +
                    $"{result.PerSecond:N0} | {result.P50:F1} | {result.P99:F1} | {result.Max:F1} | " +
                    $"{searchCpu[result.Phase]:F2} |");
            }

            Console.WriteLine();
            Console.WriteLine($"| write phase ({first.Imported:N0} stored) | requests | errors | wall s | requests/s | " +
                "p50 ms | p99 ms | max ms | p99/p50 | pgbench tps | ratio | API CPU ms/request |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var result in new[] { register, filing })
            {
                var ratio = pgbench is { } tps ? (result.PerSecond / tps).ToString("F2", CultureInfo.InvariantCulture) + "x" : "-";
                Console.WriteLine($"| {result.Phase} | {result.Requests:N0} | {result.Errors} | {result.Seconds:F1} | " +
                    $"{result.PerSecond:N0} | {result.P50:F1} | {result.P99:F1} | {result.Max:F1} | " +
                    $"{result.P99 / result.P50:F1} | {pgbench?.ToString("F0", CultureInfo.InvariantCulture) ?? "-"} | {ratio} | " +
                    $"{writeCpu[result.Phase]:F2} |");
            }

            var complete = first.Imported + first.Rejected == count
                && (rerun is null || (rerun.Imported == 0 && rerun.AlreadyStored == first.Imported));
            Console.WriteLine(complete
                ? "import complete" + (rerun is null ? "" : "; the re-run stored nothing twice")
                : "import INCOMPLETE or the re-run stored rows again");
            return complete && phases.Concat([register, filing]).All(p => p.Errors == 0) ? 0 : 1;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The CSV header of <see cref="Row"/>'s lines (the import's columns).</summary>
    internal const string Header = "code,name,kind,office,registeredOn,legalRepresentative,status,grade";

    /// <summary>Row <paramref name="i"/> of a synthetic register: an organization of <paramref name="county"/> named
    /// after <paramref name="township"/> and purpose number <paramref name="purpose"/>, its code unique for a distinct
    /// <paramref name="i"/>, with a legal representative, a status and sometimes a grade.</summary>
    internal static (string Line, string Uscc, string Name, string Person) Row(int i, string county, string township,
        int purpose)
    {
        var kind = (OrganizationKind)(i % 3 + 1);
        var first17 = "5" + UnifiedSocialCreditCode.KindDigit(kind) + county + OrganizationRegisterAndFileBenchmark.OrganizationCode(i);
        var uscc = first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
        var name = township + Purposes[purpose % Purposes.Length];
        var person = Surnames[i % Surnames.Length] + GivenCharacters[i / Surnames.Length % GivenCharacters.Length] +
            GivenCharacters[i / (Surnames.Length * GivenCharacters.Length) % GivenCharacters.Length];
        var status = (i % 100) switch { < 90 => "active", < 97 => "deregistered", _ => "revoked" };
        var grade = status == "active" && i % 10 == 0 ? $"{i / 10 % 5 + 1}A" : "";
        var registeredOn = new DateOnly(1995, 1, 1).AddDays(i * 7919 % 8000);
        return ($"{uscc},{name},{Terms(kind)},{county},{registeredOn:yyyy-MM-dd},{person},{status},{grade}", uscc, name,
            person);
    }

    internal sealed record ImportRun(string Label, long Rows, long Imported, long AlreadyStored, long Rejected,
        double Seconds);

    internal static async Task<ImportRun> ImportAsync(HttpClient http, AuthenticationHeaderValue registrar, string file,
        string label, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(file);
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"/api/organizations/imports?source={Uri.EscapeDataString(Path.GetFileName(file))}")
        {
            Content = new StreamContent(stream) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } },
        };
        request.Headers.Authorization = registrar;
        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted || response.Headers.Location is not { } job)
        {
            throw new InvalidOperationException($"{label}: {(int)response.StatusCode} {body}");
        }

        Console.WriteLine($"  {label}: uploaded in {clock.Elapsed.TotalSeconds:F1} s, job {job}");
        JsonElement report;
        var printed = TimeSpan.Zero;
        while (true)
        {
            // Polled every second so the import's time is not rounded up by much; progress printed every 15 s.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            using var poll = new HttpRequestMessage(HttpMethod.Get, job);
            poll.Headers.Authorization = registrar;
            using var answer = await http.SendAsync(poll, cancellationToken);
            report = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(cancellationToken)).RootElement.Clone();
            var status = report.GetProperty("status").GetString();
            if (status == "running" && clock.Elapsed - printed < TimeSpan.FromSeconds(15))
            {
                continue;
            }

            printed = clock.Elapsed;
            Console.WriteLine($"  {label} {clock.Elapsed.TotalSeconds:F0} s: {status}, {report.GetProperty("rows")} rows read, " +
                $"{report.GetProperty("imported")} imported, {report.GetProperty("alreadyStored")} already stored, " +
                $"{report.GetProperty("rejected")} rejected");
            if (status != "running")
            {
                break;
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        foreach (var rule in report.GetProperty("rejectedByRule").EnumerateObject())
        {
            Console.WriteLine($"  {label}: rejected {rule.Value} by {rule.Name}");
        }

        return new ImportRun(label, report.GetProperty("rows").GetInt64(), report.GetProperty("imported").GetInt64(),
            report.GetProperty("alreadyStored").GetInt64(), report.GetProperty("rejected").GetInt64(), seconds);
    }

    private static async Task<bool> OkAsync(HttpClient http, string query, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/organizations?{query}", cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static string Terms(OrganizationKind kind) => kind switch
    {
        OrganizationKind.SocialAssociation => "social-association",
        OrganizationKind.PrivateNonEnterprise => "private-non-enterprise",
        _ => "foundation",
    };

    /// <summary>Every township of the official list with its county, in list order.</summary>
    internal static IReadOnlyList<(string County, string Township)> Townships()
    {
        var file = Path.Combine(BenchmarkApiProcess.OutputDirectory, "ReferenceData", "divisions",
            "divisions-2023-streets.csv");
        return File.ReadLines(file)
            .Skip(1)
            .Select(line => CsvLine.Fields(line) ?? throw new InvalidDataException($"{file}: broken quoting: {line}"))
            .Select(fields => (fields[2], fields[1]))
            .ToList();
    }
}
