using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.Api.Tests.Marriages;

/// <summary>
/// Holiday calendars loaded as data over HTTP, on an API whose shipped calendar is not seeded and whose clock starts
/// on Tuesday 2 December 2025: a divorce application received then has its deadlines in 2026, provisional until the
/// 2026 calendar (the State Council's notice as shipped in appsettings.json) is loaded.
/// </summary>
public sealed class HolidayCalendarEndpointsTests : IAsyncLifetime
{
    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-calendar-api-" + Guid.NewGuid().ToString("N"));

    private MarriageApiFactory api = null!;

    private HttpClient Admin => api.ClientAs("admin-1", "admin");

    public ValueTask InitializeAsync()
    {
        api = new MarriageApiFactory(directory, new DateTimeOffset(2025, 12, 2, 2, 0, 0, TimeSpan.Zero),
            shippedCalendar: false);
        _ = api.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await api.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static string Text(JsonElement e, string property) => e.GetProperty(property).GetString()!;

    /// <summary>The 2026 notice as the project ships it (appsettings.json, Registry:Calendar).</summary>
    private object Shipped2026()
    {
        var section = api.Services.GetRequiredService<IConfiguration>().GetSection("Registry:Calendar");
        return new
        {
            year = 2026,
            reference = section["Reference"],
            holidays = section.GetSection("Holidays").Get<string[]>(),
            workingDays = section.GetSection("WorkingDays").Get<string[]>(),
        };
    }

    [Fact]
    public async Task LoadingTheYear_RecomputesProvisionalDeadlinesOnlyLaterAndRecordsItInTheHistory()
    {
        var (man, woman, office) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman(), MarriageApiFixture.Office(7));
        var registrar = api.RegistrarAt(office);
        Assert.Empty((await JsonOf(await registrar.GetAsync("/api/holiday-calendars"), HttpStatusCode.OK))
            .GetProperty("calendars").EnumerateArray());
        var marriage = Text(await JsonOf(await registrar.PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(man, woman, office)), HttpStatusCode.Created), "marriageId");

        // 2 December 2025 + 30 days = Thursday 1 January 2026: a working day on weekends alone; + 30 = Saturday
        // 31 January, so Monday 2 February.
        var receipt = await JsonOf(await registrar.PostAsJsonAsync("/api/divorce-applications",
            MarriageApiFixture.DivorceApplication(marriage, office, man, woman)), HttpStatusCode.Created);
        Assert.Equal(("2026-01-01", "2026-02-02", true), (Text(receipt, "coolingOffEnds"),
            Text(receipt, "lastDayToAppear"), receipt.GetProperty("provisional").GetBoolean()));
        Assert.Equal([2026], receipt.GetProperty("provisionalYears").EnumerateArray().Select(y => y.GetInt32()));

        await Problems.AssertProblemAsync(await registrar.PostAsJsonAsync("/api/holiday-calendars", Shipped2026()),
            HttpStatusCode.Forbidden, "role-required");
        var loaded = await JsonOf(await Admin.PostAsJsonAsync("/api/holiday-calendars", Shipped2026()),
            HttpStatusCode.Created);
        Assert.Equal((1, true, 1), (loaded.GetProperty("calendar").GetProperty("version").GetInt32(),
            loaded.GetProperty("created").GetBoolean(), loaded.GetProperty("recomputed").GetInt32()));

        // 1-3 January are the New Year holiday and Sunday 4 January is worked: cooling-off ends then, and the
        // appearance period on Tuesday 3 February: both later than before.
        var application = await JsonOf(await registrar.GetAsync(
            $"/api/divorce-applications/{Text(receipt, "applicationId")}"), HttpStatusCode.OK);
        Assert.Equal(("2026-01-04", "2026-02-03", false), (Text(application, "coolingOffEnds"),
            Text(application, "lastDayToAppear"), application.GetProperty("provisional").GetBoolean()));
        var record = await JsonOf(await registrar.GetAsync($"/api/marriages/{marriage}"), HttpStatusCode.OK);
        var entry = Assert.Single(record.GetProperty("history").EnumerateArray(),
            e => Text(e, "kind") == "divorce-deadlines-recomputed");
        Assert.Contains("2026-01-01 -> 2026-01-04", Text(entry, "details"), StringComparison.Ordinal);
        Assert.Contains("2026-02-02 -> 2026-02-03", Text(entry, "details"), StringComparison.Ordinal);
        Assert.Contains("2026年部分节假日安排", Text(entry, "reason"), StringComparison.Ordinal);

        // The same calendar again: nothing new stored, nothing recomputed twice.
        var again = await JsonOf(await Admin.PostAsJsonAsync("/api/holiday-calendars", Shipped2026()),
            HttpStatusCode.OK);
        Assert.Equal((1, false, 0), (again.GetProperty("calendar").GetProperty("version").GetInt32(),
            again.GetProperty("created").GetBoolean(), again.GetProperty("recomputed").GetInt32()));
        var listed = Assert.Single((await JsonOf(await registrar.GetAsync("/api/holiday-calendars"),
            HttpStatusCode.OK)).GetProperty("calendars").EnumerateArray());
        Assert.Equal((2026, 1), (listed.GetProperty("year").GetInt32(), listed.GetProperty("version").GetInt32()));
    }

    [Fact]
    public async Task Load_ANewerVersionIsKeptInHistory_AndBadCalendarsAreProblemsNamingTheRule()
    {
        var shipped = JsonSerializer.SerializeToNode(Shipped2026())!.AsObject();
        await JsonOf(await Admin.PostAsJsonAsync("/api/holiday-calendars", shipped), HttpStatusCode.Created);
        var corrected = shipped.DeepClone().AsObject();
        corrected["reference"] = shipped["reference"]!.GetValue<string>() + " (as corrected)";
        var second = await JsonOf(await Admin.PostAsJsonAsync("/api/holiday-calendars", corrected),
            HttpStatusCode.Created);
        Assert.Equal(2, second.GetProperty("calendar").GetProperty("version").GetInt32());
        var history = await JsonOf(await Admin.GetAsync("/api/holiday-calendars/2026"), HttpStatusCode.OK);
        Assert.Equal([1, 2], history.GetProperty("versions").EnumerateArray()
            .Select(v => v.GetProperty("version").GetInt32()));

        var cases = new (Action<System.Text.Json.Nodes.JsonObject> Change, string Rule)[]
        {
            (c => c["holidays"]!.AsArray().Add("2027-01-01"), "calendar-date-outside-year"),
            (c => c["workingDays"]!.AsArray().Add(c["holidays"]![0]!.GetValue<string>()), "calendar-day-both"),
            (c => c["workingDays"]!.AsArray().Add("2026-03-03"), "calendar-working-day-not-weekend"),
            (c => c["holidays"]!.AsArray().Add(c["holidays"]![0]!.GetValue<string>()), "calendar-day-repeated"),
            (c => c["holidays"] = new System.Text.Json.Nodes.JsonArray(), "calendar-without-holidays"),
            (c => c.Remove("reference"), "field-required"),
        };
        foreach (var (change, rule) in cases)
        {
            var bad = shipped.DeepClone().AsObject();
            change(bad);
            await Problems.AssertProblemAsync(await Admin.PostAsJsonAsync("/api/holiday-calendars", bad),
                HttpStatusCode.BadRequest, rule);
        }

        await Problems.AssertProblemAsync(await Admin.GetAsync("/api/holiday-calendars/2031"),
            HttpStatusCode.NotFound, "holiday-calendar-not-found");
        Assert.Equal(2, (await JsonOf(await Admin.GetAsync("/api/holiday-calendars/2026"), HttpStatusCode.OK))
            .GetProperty("versions").GetArrayLength());
    }
}
