using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;
using Registry.Grains.Tests.Organizations;

namespace Registry.Api.Tests.Organizations;

/// <summary>
/// The real API with its embedded silo on a data directory of its own, for tests that move the bureau's clock by
/// months or years. Only the bureau's clock is the test's <see cref="FakeTimeProvider"/>: Orleans' own timers keep
/// real time, and a test delivers a reminder tick itself, exactly as the reminder service would when it is due.
/// </summary>
public sealed class OrganizationApi : IAsyncDisposable
{
    public const string RegistrarRole = "registrar.organizations";

    private readonly RegistryApiFactory root;
    private readonly bool ownsDirectory;

    public OrganizationApi(string? dataDirectory = null)
    {
        ownsDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "registry-orgs-api-" + Guid.NewGuid().ToString("N"));
        root = new RegistryApiFactory(DataDirectory);
        Factory = root.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, TimeProvider.System)));
        _ = Factory.Server;
    }

    public string DataDirectory { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public FakeTimeProvider Time => root.Time;

    public DateOnly Today => root.Today;

    public IGrainFactory Grains => Factory.Services.GetRequiredService<IGrainFactory>();

    public HttpClient Anonymous() => Factory.CreateClient();

    public HttpClient Registrar(string user = "registrar-chen") => WithToken(RegistryApiFactory.Token([RegistrarRole], user));

    /// <summary>A client acting for the organization <paramref name="uscc"/> (role <c>organization</c>, claim <c>uscc</c>).</summary>
    public HttpClient ForOrganization(string uscc) =>
        WithToken(RegistryApiFactory.Token(["organization"], "org-" + uscc, new Dictionary<string, string> { ["uscc"] = uscc }));

    /// <summary>An organization registrar of <paramref name="office"/> (null: a token without the office claim).</summary>
    public HttpClient RegistrarAt(string? office) =>
        WithToken(RegistryApiFactory.Token([RegistrarRole], "registrar-" + (office ?? "none"), office: office));

    public HttpClient WithRoles(params string[] roles) => WithToken(RegistryApiFactory.Token(roles));

    /// <summary>Moves the bureau's clock to 10:00 in Beijing on <paramref name="date"/>.</summary>
    public void AdvanceTo(DateOnly date)
    {
        var target = new DateTimeOffset(date.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8));
        Assert.True(target >= Time.GetUtcNow(), $"the clock is already past {date:yyyy-MM-dd}");
        Time.SetUtcNow(target);
    }

    /// <summary>The daily deadline sweep of the organization's index partition, which holds the reminder.</summary>
    public IOrganizationDeadlineSweepGrain SweepOf(string uscc) =>
        Grains.GetGrain<IOrganizationDeadlineSweepGrain>(OrganizationIndex.PartitionOf(uscc));

    /// <summary>What the reminder service does when the deadline sweep's reminder of the organization's partition is
    /// due.</summary>
    public Task DeliverReminderTickAsync(string uscc) =>
        SweepOf(uscc).AsReference<IRemindable>().ReceiveReminder(OrganizationDeadlineSweepGrain.SweepReminder,
            new TickStatus(DateTime.UtcNow, TimeSpan.FromDays(1), DateTime.UtcNow));

    public async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Registers an organization through the API and returns its code.</summary>
    public async Task<string> RegisterAsync(object request)
    {
        var response = await Registrar().PostAsJsonAsync("/api/organizations", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("uscc").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await root.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (ownsDirectory && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    /// <summary>A registration body with a fresh valid code and unique name in a real county.</summary>
    public static Dictionary<string, object?> Registration(string? office = null, string kind = "social-association",
        string? name = null, string? uscc = null)
    {
        office ??= TestCodes.AnyCounty();
        var serial = TestCodes.NextSerial();
        var kindValue = kind switch
        {
            "private-non-enterprise" => OrganizationKind.PrivateNonEnterprise,
            "foundation" => OrganizationKind.Foundation,
            _ => OrganizationKind.SocialAssociation,
        };
        return new Dictionary<string, object?>
        {
            ["uscc"] = uscc ?? TestCodes.Uscc(kindValue, office, serial),
            ["name"] = name ?? $"社区文化促进会{serial}",
            ["kind"] = kind,
            ["registeringOffice"] = office,
            ["supervisingUnit"] = "文化和旅游局",
            ["legalRepresentative"] = "周九",
            ["address"] = "文化街18号",
            ["businessScope"] = "群众文化活动、培训",
            ["registeredCapital"] = 30000,
            ["foundedOn"] = "2019-04-01",
        };
    }

    /// <summary>
    /// A full annual work report body for <paramref name="year"/> whose statements hold every identity: income
    /// 256,000.50, expenses 198,000, net assets 410,000 (100,000 restricted); members only for a social association.
    /// Sections are dictionaries so a test can break one figure.
    /// </summary>
    public static Dictionary<string, object?> Report(int year, string kind = "social-association") => new()
    {
        ["year"] = year,
        ["activities"] = "举办社区文化活动20场",
        ["majorActivities"] = "社区艺术节",
        ["partyOrganization"] = "joint",
        ["basicInformationChanges"] = "住所由文化街16号迁至文化街18号",
        ["governance"] = new Dictionary<string, object?>
        {
            ["councilMeetings"] = 2, ["generalMeetings"] = 1, ["responsiblePersonChanges"] = "秘书长换届",
        },
        ["balanceSheet"] = new Dictionary<string, object?>
        {
            ["totalAssets"] = 500000, ["totalLiabilities"] = 90000, ["restrictedNetAssets"] = 100000,
            ["unrestrictedNetAssets"] = 310000, ["totalNetAssets"] = 410000, ["netAssetsAtStartOfYear"] = 351999.50,
        },
        ["incomeBySource"] = new Dictionary<string, object?>
        {
            ["donations"] = 120000.50, ["governmentGrants"] = 60000, ["services"] = 40000, ["membershipFees"] = 30000,
            ["investment"] = 6000, ["other"] = 0, ["total"] = 256000.50,
        },
        ["expenses"] = new Dictionary<string, object?>
        {
            ["programme"] = 150000, ["administration"] = 30000, ["fundraising"] = 18000, ["other"] = 0, ["total"] = 198000,
        },
        ["workforce"] = new Dictionary<string, object?>
        {
            ["fullTimeStaff"] = 4, ["partTimeStaff"] = 2, ["volunteers"] = 35,
            ["individualMembers"] = kind == "social-association" ? 260 : null,
            ["institutionalMembers"] = kind == "social-association" ? 14 : null,
            ["branches"] = 1, ["representativeOffices"] = 0,
        },
        ["projects"] = new List<object> { new { name = "社区艺术节", spending = 80000 }, new { name = "少儿美育课堂", spending = 45000 } },
        ["auditReport"] = "某会计师事务所审字〔2026〕第0215号",
    };

    /// <summary>A section of a report body built by <see cref="Report"/>.</summary>
    public static Dictionary<string, object?> Section(Dictionary<string, object?> report, string name) =>
        (Dictionary<string, object?>)report[name]!;

    private HttpClient WithToken(string token)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
