using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Registry.Abstractions.Time;
using Registry.Hosting.Places;
using Registry.Storage;

namespace Registry.Api.Tests.Places;

[Collection(PlaceApiCollection.Name)]
public sealed class GazetteerImportTests(PlaceApiFixture fixture)
{
    private readonly PlaceNameClient api = new(fixture.Factory);

    [Fact]
    public async Task Nearest_WithoutFilters_AnswersExactlyAsTheWideningSearch_AroundEveryExcerptPlace()
    {
        // The unfiltered nearest query seeds its circle from the tree's k-nearest search; a whole-world box sends the
        // same query down the widening search instead. Both must give the same places at the same distances.
        var importer = fixture.Factory.Services.GetRequiredService<GazetteerImporter>();
        await importer.ImportAsync(PlaceTestData.CitiesExcerpt, TestContext.Current.CancellationToken);
        await PlaceNameClient.OkAsync(await fixture.Factory.ClientWithRoles("admin").PostAsync("/api/place-names/index/rebuild", null));
        var rows = JsonNode.Parse(await File.ReadAllTextAsync(PlaceTestData.CitiesExcerpt))!.AsArray();

        static List<string> Described(JsonElement page) => page.GetProperty("items").EnumerateArray()
            .Select(i => $"{i.GetProperty("id").GetString()}@{i.GetProperty("distanceMeters").GetDouble():R}").ToList();
        foreach (var row in rows.Where((_, i) => i % Math.Max(1, rows.Count / 40) == 0))
        {
            var at = $"near={(string)row!["lng"]!},{(string)row["lat"]!}&limit=10";
            var seeded = await api.SearchAsync(api.Anonymous, at);
            var widened = await api.SearchAsync(api.Anonymous, at + "&bbox=-180,-90,180,90");

            Assert.Equal(10, seeded.GetProperty("items").GetArrayLength());
            Assert.Equal(Described(widened), Described(seeded));
            Assert.Equal(0, seeded.GetProperty("items")[0].GetProperty("distanceMeters").GetDouble());
        }
    }

    [Fact]
    public async Task Import_GeoNamesExcerpt_StoresReferenceNamesRejectsBadRowsAndIsIdempotent()
    {
        // The real excerpt, plus three of its rows made faulty: out-of-range latitude, no name, an exact repeat.
        var rows = JsonNode.Parse(await File.ReadAllTextAsync(PlaceTestData.CitiesExcerpt))!.AsArray();
        // The collection shares one store, and the nearest test imports the excerpt as it is: a second district name on
        // every row makes these records of their own whichever test runs first (the order follows the assembly's path).
        foreach (var row in rows)
            row!["admin2"] = $"{(string?)row["admin2"]}|import-test";
        var good = rows.Count;
        var outOfRange = rows[0]!.DeepClone();
        outOfRange["lat"] = (double.Parse((string)outOfRange["lat"]!, System.Globalization.CultureInfo.InvariantCulture) + 90)
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
        var nameless = rows[1]!.DeepClone();
        nameless["name"] = "";
        rows.Add(outOfRange);
        rows.Add(nameless);
        rows.Add(rows[2]!.DeepClone());
        var path = Path.Combine(fixture.DataDirectory, "cities-test.json");
        await File.WriteAllTextAsync(path, rows.ToJsonString());

        var importer = fixture.Factory.Services.GetRequiredService<GazetteerImporter>();
        var first = await importer.ImportAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(good + 3, first.Rows);
        Assert.Equal(good, first.Inserted);
        Assert.Equal(["coordinates-out-of-range", "duplicate-row", "name-missing"],
            first.Rejections.Select(r => r.Reason).Order(StringComparer.Ordinal));
        Assert.Equal([good + 1, good + 2, good + 3], first.Rejections.Select(r => r.Row).Order());
        Assert.Contains("coordinates-out-of-range", first.RejectionReportCsv());

        var second = await importer.ImportAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(0, second.Inserted);
        Assert.Equal(first.Rejections.Count, second.Rejections.Count);

        var admin = fixture.Factory.ClientWithRoles("admin");
        Assert.Equal(HttpStatusCode.Forbidden, (await api.Registrar.PostAsync("/api/place-names/index/rebuild", null)).StatusCode);
        var rebuilt = await PlaceNameClient.OkAsync(await admin.PostAsync("/api/place-names/index/rebuild", null));
        Assert.True(rebuilt.GetProperty("entries").GetInt32() >= good);

        // Searchable and spatially indexed, public, flagged and credited; not a standard name.
        var city = rows.First(r => (string?)r!["country"] == "CN")!;
        var lon = (string)city["lng"]!;
        var lat = (string)city["lat"]!;
        var nearest = await api.SearchAsync(api.Anonymous, $"near={lon},{lat}&limit=10&category=residential-area");
        var hit = nearest.GetProperty("items")[0];
        Assert.Equal((string)city["name"]!, hit.GetProperty("name").GetString());
        Assert.True(hit.GetProperty("external").GetBoolean());
        Assert.Equal("geonames", hit.GetProperty("source").GetString());
        Assert.Equal(0, hit.GetProperty("distanceMeters").GetDouble());
        Assert.Contains("GeoNames (geonames.org)", nearest.GetProperty("attribution").GetString());
        Assert.Equal(10, nearest.GetProperty("items").GetArrayLength());
        var distances = nearest.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("distanceMeters").GetDouble()).ToList();
        Assert.Equal(distances.Order(), distances);

        var byName = await api.SearchAsync(api.Anonymous, $"q={Uri.EscapeDataString((string)city["name"]!)}");
        Assert.Contains(hit.GetProperty("id").GetString(), PlaceNameClient.Ids(byName));

        var id = hit.GetProperty("id").GetString()!;
        var record = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names/{id}"));
        Assert.Equal("reference", record.GetProperty("status").GetString());
        Assert.Equal("GeoNames (geonames.org), CC BY 4.0", record.GetProperty("external").GetProperty("credit").GetString());
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"/api/place-names/{id}/approval",
            new { authority = "x", date = api.Today.ToString("yyyy-MM-dd") }), HttpStatusCode.UnprocessableEntity, "place-name-external");
        var feed = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync("/api/place-names/announcements?limit=100"));
        Assert.DoesNotContain(id, PlaceNameClient.Ids(feed));
    }

    [Fact]
    public async Task Import_DatesRecordsByTheBureausCalendarDay()
    {
        // 20:00 UTC is already the next day in the bureau's zone (Asia/Shanghai): the import is dated that day.
        var utc = new DateTimeOffset(fixture.Factory.Today.ToDateTime(new TimeOnly(20, 0)), TimeSpan.Zero);
        var bureauDay = DateOnly.FromDateTime(utc.ToOffset(TimeSpan.FromHours(8)).DateTime);
        Assert.NotEqual(DateOnly.FromDateTime(utc.UtcDateTime), bureauDay);
        var row = JsonNode.Parse(await File.ReadAllTextAsync(PlaceTestData.CitiesExcerpt))!.AsArray()[0]!.DeepClone();
        row["admin2"] = "bureau-day-test";
        var path = Path.Combine(fixture.DataDirectory, "cities-bureau-day.json");
        await File.WriteAllTextAsync(path, new JsonArray(row).ToJsonString());
        var importer = new GazetteerImporter(fixture.Factory.Services.GetRequiredService<IGrainStateStore>(),
            new BureauClock(new FakeTimeProvider(utc), TimeZoneInfo.FindSystemTimeZoneById(BureauClock.DefaultTimeZoneId)),
            NullLogger<GazetteerImporter>.Instance);

        Assert.Equal(1, (await importer.ImportAsync(path, TestContext.Current.CancellationToken)).Inserted);

        var id = $"{GazetteerImporter.Source}-" + GazetteerImporter.SourceIdOf((string)row["name"]!, (string)row["lat"]!,
            (string)row["lng"]!, (string)row["country"]!, (string)row["admin1"]!, (string)row["admin2"]!);
        var record = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names/{id}"));
        Assert.Equal(bureauDay.ToString("yyyy-MM-dd"), record.GetProperty("proposedOn").GetString());
        var history = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync($"/api/place-names/{id}/history"));
        Assert.Equal(bureauDay.ToString("yyyy-MM-dd"), history[0].GetProperty("effectiveDate").GetString());
    }
}
