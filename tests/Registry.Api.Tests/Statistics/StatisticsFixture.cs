using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Abstractions.Organizations;
using Registry.Api.Tests.Marriages;
using Registry.Api.Tests.Organizations;
using Registry.Api.Tests.Places;
using Registry.Grains.Tests.Organizations;

namespace Registry.Api.Tests.Statistics;

/// <summary>
/// One API on a fresh data directory whose bureau clock starts on Monday 2 March 2026, and a mixed workload run over
/// HTTP while the clock moves through spring 2026: marriages at offices in several provinces (divorce applications
/// withdrawn, registered, lapsed and only found lapsed weeks later, a court divorce effective before it is entered,
/// certificates replaced elsewhere), organizations registered, listed and deregistered, place names proposed,
/// approved on a date before it is entered, announced, renamed and abolished; a divorced couple marrying each other
/// again and a divorced man remarrying; an annual report filed and inspected while two others are due. The records it made are listed for the
/// tests to count over.
/// </summary>
public sealed class StatisticsFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public string DataDirectory { get; } =
        Path.Combine(Path.GetTempPath(), "registry-statistics-api-" + Guid.NewGuid().ToString("N"));

    /// <summary>Any 2xx (writes answer 200 or 201 by kind).</summary>
    private static readonly HttpStatusCode? Success = null;

    public MarriageApiFactory Api { get; private set; } = null!;

    public List<string> Marriages { get; } = [];

    public List<string> Organizations { get; } = [];

    public List<string> PlaceNames { get; } = [];

    /// <summary>The numbers of the marriage-record extracts the workload issued.</summary>
    public List<string> RecordExtracts { get; } = [];

    /// <summary>The offices the workload registered marriages at: two in one province, one in another.</summary>
    public string[] MarriageOffices { get; private set; } = [];

    public HttpClient Admin => Client("admin-1", null, "admin");

    public HttpClient Client(string user, string? office, params string[] roles)
    {
        var client = Api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            RegistryApiFactory.Token(roles, user, office: office));
        return client;
    }

    public async ValueTask InitializeAsync()
    {
        Api = new MarriageApiFactory(DataDirectory, Start);
        _ = Api.Server;
        await RunWorkloadAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode? expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected is null ? response.IsSuccessStatusCode : response.StatusCode == expected,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task RunWorkloadAsync()
    {
        var near = MarriageApiFixture.Office(0);
        var neighbour = MarriageApiFixture.Office(1);
        var far = MarriageApiFixture.Office(1_500);
        Assert.NotEqual(near[..2], far[..2]);
        MarriageOffices = [near, neighbour, far];
        var court = Client("registrar-court", "100000", "registrar.marriage");

        // 2 March: four couples at three offices; three apply for divorce.
        var couples = new List<(string Id, string Man, string Woman, string Office)>();
        foreach (var office in new[] { near, near, neighbour, far })
        {
            var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
            var created = await JsonAsync(await Api.RegistrarAt(office).PostAsJsonAsync("/api/marriages",
                MarriageApiFixture.Registration(man, woman, office)), Success);
            couples.Add((created.GetProperty("marriageId").GetString()!, man, woman, office));
        }

        Marriages.AddRange(couples.Select(c => c.Id));
        RecordExtracts.Add((await JsonAsync(await Api.RegistrarAt(far).PostAsJsonAsync(
            $"/api/persons/{couples[3].Man}/marriage-record-extracts", new { office = far }), Success))
            .GetProperty("number").GetString()!);
        var applications = new List<string>();
        foreach (var (id, man, woman, office) in couples.Take(3))
        {
            var applied = await JsonAsync(await Api.RegistrarAt(office).PostAsJsonAsync("/api/divorce-applications",
                MarriageApiFixture.DivorceApplication(id, office, man, woman)), Success);
            applications.Add(applied.GetProperty("applicationId").GetString()!);
        }

        var organizations = Client("registrar-org", "100000", OrganizationApi.RegistrarRole);
        foreach (var (office, kind) in new[]
                 {
                     (near, "social-association"), (near, "foundation"), (far, "private-non-enterprise"),
                     (TestCodes.AnyCounty(), "social-association"),
                 })
        {
            var registered = await JsonAsync(await organizations.PostAsJsonAsync("/api/organizations",
                OrganizationApi.Registration(office, kind)), Success);
            Organizations.Add(registered.GetProperty("uscc").GetString()!);
        }

        var places = Client("registrar-places", "100000", PlaceNameClient.RegistrarRole);
        var townships = Enumerable.Range(40, 3).Select(PlaceTestData.Township).ToList();
        for (var i = 0; i < townships.Count; i++)
        {
            var township = townships[i];
            var spelling = await JsonAsync(await places.GetAsync("/api/place-names/spelling?name=" +
                Uri.EscapeDataString(township.Name) + "&category=administrative-division"), Success);
            var proposed = await JsonAsync(await places.PostAsJsonAsync("/api/place-names", new
            {
                name = township.Name,
                romanization = spelling.GetProperty("romanization").GetString(),
                category = "administrative-division",
                divisionCode = township.Code,
                // A real point inside the township's prefecture (the interior point of its shipped outline).
                geometry = PlaceTestData.InsidePrefectureOf(township.Code),
                meaning = "test",
            }), Success);
            PlaceNames.Add(proposed.GetProperty("id").GetString()!);
        }

        // 10 March: a withdrawal; a certificate replaced at another office; a name approved on 5 March; the 2025
        // report of the first organization filed in its window.
        Api.MoveTo(new DateOnly(2026, 3, 10));
        await JsonAsync(await organizations.PostAsJsonAsync($"/api/organizations/{Organizations[0]}/annual-reports",
            OrganizationApi.Report(2025)), Success);
        await JsonAsync(await Api.RegistrarAt(near).PostAsJsonAsync(
            $"/api/divorce-applications/{applications[1]}/withdrawal", new { party = couples[1].Man, reason = "和好" }),
            Success);
        await JsonAsync(await Api.RegistrarAt(far).PostAsJsonAsync(
            $"/api/marriages/{couples[2].Id}/certificate-replacements", new { party = couples[2].Man, office = far }),
            Success);
        await JsonAsync(await places.PostAsJsonAsync($"/api/place-names/{PlaceNames[0]}/approval",
            new { authority = "县人民政府", date = "2026-03-05" }), Success);
        await JsonAsync(await places.PostAsJsonAsync($"/api/place-names/{PlaceNames[1]}/approval",
            new { authority = "县人民政府", date = "2026-03-10" }), Success);

        // 7 April: the first divorce registered after its cooling-off; organizations listed and deregistered; a name
        // announced, another renamed.
        Api.MoveTo(new DateOnly(2026, 4, 7));
        await JsonAsync(await Api.RegistrarAt(near).PostAsJsonAsync(
            $"/api/divorce-applications/{applications[0]}/registration",
            MarriageApiFixture.DivorceRegistration(near, couples[0].Man, couples[0].Woman)),
            Success);
        await JsonAsync(await organizations.PostAsJsonAsync($"/api/organizations/{Organizations[1]}/abnormal-listings",
            new { ground = "unreachable-at-registered-address", findings = "挂号信两次退回" }), Success);
        await JsonAsync(await organizations.PostAsJsonAsync($"/api/organizations/{Organizations[2]}/deregistration",
            new { reason = "自行解散 (test)" }), Success);
        await JsonAsync(await organizations.PostAsJsonAsync(
            $"/api/organizations/{Organizations[0]}/annual-reports/2025/inspection", new { outcome = "pass" }), Success);
        await JsonAsync(await places.PostAsync($"/api/place-names/{PlaceNames[0]}/announcement", null),
            Success);
        var newName = PlaceTestData.Township(45).Name;
        var newSpelling = await JsonAsync(await places.GetAsync("/api/place-names/spelling?name=" +
            Uri.EscapeDataString(newName) + "&category=administrative-division"), Success);
        await JsonAsync(await places.PostAsJsonAsync($"/api/place-names/{PlaceNames[0]}/renames", new
        {
            name = newName,
            romanization = newSpelling.GetProperty("romanization").GetString(),
            effectiveDate = "2026-04-07",
            reason = "民政部门批复 (test)",
        }), Success);
        await JsonAsync(await places.PostAsJsonAsync($"/api/place-names/{PlaceNames[0]}/changes/1/approval",
            new { authority = "县人民政府", date = "2026-04-07" }), Success);

        // 20 May: the third application lapsed weeks ago and is found so now (dated the day after its last day); a
        // court divorce effective on 10 May entered today; a new couple; a name abolished.
        Api.MoveTo(new DateOnly(2026, 5, 20));
        await JsonAsync(await court.GetAsync($"/api/marriages/{couples[2].Id}"), Success);
        await JsonAsync(await court.PostAsJsonAsync($"/api/marriages/{couples[3].Id}/judgments", new
        {
            kind = "divorce",
            court = "人民法院 (test)",
            reference = $"(2026)民初{Guid.NewGuid():N}号",
            judgmentDate = "2026-04-28",
            reason = "test judgment",
            effectiveDate = "2026-05-10",
        }), Success);
        var (lateMan, lateWoman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var late = await JsonAsync(await Api.RegistrarAt(far).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(lateMan, lateWoman, far)), Success);
        Marriages.Add(late.GetProperty("marriageId").GetString()!);
        // The couple divorced on 7 April marry each other again (复婚); the man divorced by the court remarries.
        var reunited = await JsonAsync(await Api.RegistrarAt(near).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(couples[0].Man, couples[0].Woman, near)), Success);
        Marriages.Add(reunited.GetProperty("marriageId").GetString()!);
        var remarried = await JsonAsync(await Api.RegistrarAt(far).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(couples[3].Man, MarriageApiFixture.Woman(), far)), Success);
        Marriages.Add(remarried.GetProperty("marriageId").GetString()!);
        // A record of June 2025 entered from the archive today: a 2025 registration, an archive record of May 2026.
        var (archivedMan, archivedWoman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var archived = await JsonAsync(await Api.RegistrarAt(near).PostAsJsonAsync("/api/marriages/archive-entries", new
        {
            certificateNumber = $"J{near}-2025-{Random.Shared.Next(100_000, 999_999)}",
            registeredOn = "2025-06-03",
            office = near,
            partyA = new { idNumber = archivedMan, name = "王" + "强", nationality = "中国" },
            partyB = new { idNumber = archivedWoman, name = "刘" + "芳", nationality = "中国" },
            source = new { volume = "2025-婚-01", page = "12" },
        }), Success);
        Marriages.Add(archived.GetProperty("marriageId").GetString()!);
        foreach (var person in new[] { archivedMan, archivedWoman })
        {
            RecordExtracts.Add((await JsonAsync(await Api.RegistrarAt(near).PostAsJsonAsync(
                $"/api/persons/{person}/marriage-record-extracts", new { office = near }), Success))
                .GetProperty("number").GetString()!);
        }

        await JsonAsync(await places.PostAsJsonAsync($"/api/place-names/{PlaceNames[1]}/abolition",
            new { reason = "撤销 (test)" }), Success);
        await JsonAsync(await places.PostAsJsonAsync($"/api/place-names/{PlaceNames[1]}/changes/1/approval",
            new { authority = "县人民政府", date = "2026-05-20" }), Success);
        await JsonAsync(await organizations.PostAsJsonAsync(
            $"/api/organizations/{Organizations[1]}/list-removals",
            new { list = "abnormal", ground = "已恢复联系 (test)" }), Success);
    }
}
