using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Text;

namespace Registry.Benchmarks.Organizations;

/// <summary>
/// A large city's register through HTTP: registers N organizations (default 25,000) spread over the counties of the
/// prefecture-level city with the most counties in the official list, then each organization files its annual report
/// with its own (full) work report and token, then runs searches over the full register by name fragment, by code and
/// by legal representative. Against the API as a real process with its
/// embedded silo and durable SQLite storage (group commit). The city's offices are configured with a filing window
/// covering the whole year (Jan 1 - Dec 31), so the reports for last year can be filed on any day the benchmark runs.
/// Options: --count N, --concurrency C (default 32), --searches S (default 300).
/// </summary>
public sealed class OrganizationRegisterAndFileBenchmark : IBenchmark
{
    public string Name => "organizations-register-file";

    public string Description => "register N organizations and file their annual reports through HTTP (real API process)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var count = Option(args, "--count", 25_000);
        var concurrency = Option(args, "--concurrency", 32);
        var searches = Option(args, "--searches", 300);
        var (city, counties) = LargestCity();
        var reportYear = DateTime.UtcNow.AddHours(8).Year - 1;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, " +
            $"{RuntimeInformation.FrameworkDescription}; date {DateTime.UtcNow:yyyy-MM-dd}");
        Console.WriteLine($"city {city}: {counties.Count} county offices; {count} organizations, concurrency {concurrency}, " +
            $"report year {reportYear}");

        await using var api = await BenchmarkApiProcess.StartAsync(
            [
                $"--Registry:Organizations:OfficeFilingWindows:{city}:Opens=01-01",
                $"--Registry:Organizations:OfficeFilingWindows:{city}:Closes=12-31",
            ], cancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency })
        {
            BaseAddress = api.Address,
            Timeout = TimeSpan.FromMinutes(2),
        };
        var registrar = new AuthenticationHeaderValue("Bearer",
            api.Token("benchmark-registrar", ["registrar.organizations"],
                new Dictionary<string, string> { ["office"] = "100000" }));

        var organizations = CityOrganizations(counties, count, 0);

        var register = await RegisterAsync(http, registrar, organizations, concurrency, cancellationToken);
        var file = await FileAsync(http, api, organizations, reportYear, concurrency, cancellationToken);

        var random = new Random(2026);
        var search = await ClosedLoop.MeasureAsync("search", searches, Math.Min(concurrency, 8), async _ =>
        {
            var fragment = $"第{random.Next(count):00000}号";
            using var response = await http.GetAsync($"/api/organizations?name={Uri.EscapeDataString(fragment)}", cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }, cancellationToken);

        var byCode = await ClosedLoop.MeasureAsync("search by code", searches, Math.Min(concurrency, 8), async _ =>
        {
            var code = organizations[random.Next(count)].Uscc;
            using var response = await http.GetAsync($"/api/organizations?uscc={code}", cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }, cancellationToken);

        var byRepresentative = await ClosedLoop.MeasureAsync("search by legal representative", searches,
            Math.Min(concurrency, 8), async _ =>
            {
                var person = Uri.EscapeDataString(Representative(random.Next(count)));
                using var response = await http.GetAsync($"/api/organizations?legalRepresentative={person}", cancellationToken);
                return response.StatusCode == HttpStatusCode.OK;
            }, cancellationToken);

        Console.WriteLine();
        Console.WriteLine("| phase | requests | errors | wall s | requests/s | p50 ms | p99 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var result in new[] { register, file, search, byCode, byRepresentative })
        {
            Console.WriteLine($"| {result.Phase} | {result.Requests:N0} | {result.Errors} | {result.Seconds:F1} | " +
                $"{result.Requests / result.Seconds:N0} | {result.P50:F1} | {result.P99:F1} | {result.Max:F1} |");
        }

        return register.Errors + file.Errors + search.Errors + byCode.Errors + byRepresentative.Errors == 0 ? 0 : 1;
    }

    /// <summary>N organizations spread over <paramref name="counties"/>, the kinds in turn, with codes whose
    /// organization part is the serial from <paramref name="firstSerial"/> (so runs that also import keep apart).</summary>
    internal static List<(string Uscc, string Office, OrganizationKind Kind, string Name)> CityOrganizations(
        IReadOnlyList<string> counties, int count, int firstSerial) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var office = counties[i % counties.Count];
            var kind = (OrganizationKind)(i % 3 + 1);
            var first17 = "5" + UnifiedSocialCreditCode.KindDigit(kind) + office + OrganizationCode(firstSerial + i);
            return (Uscc: first17 + UnifiedSocialCreditCode.CheckCharacter(first17), Office: office, Kind: kind,
                Name: $"第{i:00000}号城市社会服务组织");
        }).ToList();

    /// <summary>Registers each organization through <c>POST /api/organizations</c> (N requests, C in flight).</summary>
    internal static async Task<PhaseResult> RegisterAsync(HttpClient http, AuthenticationHeaderValue registrar,
        IReadOnlyList<(string Uscc, string Office, OrganizationKind Kind, string Name)> organizations, int concurrency,
        CancellationToken cancellationToken)
    {
        var count = organizations.Count;
        return await ClosedLoop.MeasureAsync("register", count, concurrency, async i =>
        {
            var o = organizations[i];
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/organizations")
            {
                Content = JsonContent.Create(new
                {
                    uscc = o.Uscc,
                    name = o.Name,
                    kind = o.Kind switch
                    {
                        OrganizationKind.SocialAssociation => "social-association",
                        OrganizationKind.PrivateNonEnterprise => "private-non-enterprise",
                        _ => "foundation",
                    },
                    registeringOffice = o.Office,
                    supervisingUnit = "业务主管单位",
                    legalRepresentative = Representative(i),
                    address = "登记住所",
                    businessScope = "社会服务",
                    registeredCapital = 30000 + i,
                    foundedOn = "2019-04-01",
                }),
            };
            request.Headers.Authorization = registrar;
            using var response = await http.SendAsync(request, cancellationToken);
            return await CreatedAsync(response, cancellationToken);
        }, cancellationToken);

    }

    /// <summary>Each organization files last year's full work report with its own token.</summary>
    internal static async Task<PhaseResult> FileAsync(HttpClient http, BenchmarkApiProcess api,
        IReadOnlyList<(string Uscc, string Office, OrganizationKind Kind, string Name)> organizations, int reportYear,
        int concurrency, CancellationToken cancellationToken)
    {
        var count = organizations.Count;
        var tokens = organizations.Select(o => new AuthenticationHeaderValue("Bearer",
            api.Token("org-" + o.Uscc, ["organization"], new Dictionary<string, string> { ["uscc"] = o.Uscc }))).ToList();
        return await ClosedLoop.MeasureAsync("file report", count, concurrency, async i =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/organizations/{organizations[i].Uscc}/annual-reports")
            {
                Content = JsonContent.Create(new
                {
                    year = reportYear,
                    activities = "开展社会服务活动",
                    majorActivities = "年度服务项目",
                    partyOrganization = "joint",
                    governance = new { councilMeetings = 2, generalMeetings = 1 },
                    balanceSheet = new
                    {
                        totalAssets = 300_000, totalLiabilities = 50_000, restrictedNetAssets = 50_000,
                        unrestrictedNetAssets = 200_000, totalNetAssets = 250_000, netAssetsAtStartOfYear = 230_000,
                    },
                    incomeBySource = new
                    {
                        donations = 60_000 + i, governmentGrants = 20_000, services = 15_000, membershipFees = 5_000,
                        investment = 0, other = 0, total = 100_000 + i,
                    },
                    expenses = new { programme = 60_000, administration = 12_000, fundraising = 8_000, other = 0, total = 80_000 },
                    workforce = new
                    {
                        fullTimeStaff = 4, partTimeStaff = 1, volunteers = 20,
                        individualMembers = organizations[i].Kind == OrganizationKind.SocialAssociation ? 120 : (int?)null,
                        institutionalMembers = organizations[i].Kind == OrganizationKind.SocialAssociation ? 8 : (int?)null,
                        branches = 0, representativeOffices = 0,
                    },
                    projects = new[] { new { name = "年度服务项目", spending = 60_000 } },
                    auditReport = "审字〔年度〕号",
                }),
            };
            request.Headers.Authorization = tokens[i];
            using var response = await http.SendAsync(request, cancellationToken);
            return await CreatedAsync(response, cancellationToken);
        }, cancellationToken);

    }

    /// <summary>The legal representative of the i-th organization: a surname and the serial's digits as Han numerals
    /// (a name as an identity document holds it has no digits).</summary>
    internal static string Representative(int i) =>
        "周" + string.Concat($"{i:00000}".Select(d => "零一二三四五六七八九"[d - '0']));

    private static int failuresShown;

    /// <summary>True for a 201; the first few other answers are printed, so a failing phase says why.</summary>
    private static async Task<bool> CreatedAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.Created)
        {
            return true;
        }

        if (Interlocked.Increment(ref failuresShown) <= 3)
        {
            Console.WriteLine($"  {(int)response.StatusCode} {response.RequestMessage?.RequestUri}: " +
                await response.Content.ReadAsStringAsync(cancellationToken));
        }

        return false;
    }

    /// <summary>The prefecture-level city with the most counties in the official list, and their codes.</summary>
    internal static (string City, IReadOnlyList<string> Counties) LargestCity()
    {
        var file = Path.Combine(BenchmarkApiProcess.OutputDirectory, "ReferenceData", "divisions", "divisions-2023-areas.csv");
        var largest = File.ReadLines(file)
            .Skip(1)
            .Select(line => CsvLine.Fields(line) ?? throw new InvalidDataException($"{file}: broken quoting: {line}"))
            .GroupBy(fields => fields[2])
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .First();
        return (largest.Key + "00", largest.Select(fields => fields[0]).ToList());
    }

    /// <summary>Nine characters of the code's set encoding the serial (positions 9-17).</summary>
    internal static string OrganizationCode(int value)
    {
        var chars = new char[9];
        for (var i = 8; i >= 0; i--)
        {
            chars[i] = UnifiedSocialCreditCode.Alphabet[value % UnifiedSocialCreditCode.Alphabet.Length];
            value /= UnifiedSocialCreditCode.Alphabet.Length;
        }

        return new string(chars);
    }

    /// <summary>The integer after <paramref name="name"/> in the arguments, or <paramref name="fallback"/>.</summary>
    internal static int Option(IReadOnlyList<string> args, string name, int fallback)
    {
        var index = args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < args.Count
            ? int.Parse(args[index + 1], CultureInfo.InvariantCulture)
            : fallback;
    }
}
