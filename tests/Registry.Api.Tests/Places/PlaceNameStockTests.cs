using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Text;
using Registry.Abstractions.Time;
using Registry.Grains.Places;
using Registry.Grains.Tests;
using Registry.Hosting.Divisions;
using Registry.Hosting.Places;
using Registry.Storage;

namespace Registry.Api.Tests.Places;

/// <summary>The official stock (统计用区划代码 2023) as names in force: the townships and streets of the shipped list, the
/// village-level seats of the excerpt (Places/Data/villages-excerpt.csv); new names that duplicate them are refused.</summary>
[Collection(PlaceStockCollection.Name)]
public sealed class PlaceNameStockTests(ApiFixture fixture, ITestOutputHelper output)
{
    private const string VillageSeat = "village-seat";

    private readonly PlaceNameClient api = new(fixture.Factory);

    private PlaceNameStock Stock => new(fixture.Factory.Services.GetRequiredService<IGrainStateStore>(),
        fixture.Factory.Services.GetRequiredService<PlaceNameIndexReset>(),
        fixture.Factory.Services.GetRequiredService<BureauClock>(), NullLogger<PlaceNameStock>.Instance);

    private static string Excerpt => Path.Combine(PlaceTestData.DataDirectory, "villages-excerpt.csv");

    [Fact]
    public async Task ImportVillages_RecordsEachSeatInItsTownship_AndANewDuplicateThereIsRefused()
    {
        var rows = File.ReadLines(Excerpt).Skip(1).Select(line => CsvLine.Fields(line)!).ToList();
        var report = await Stock.ImportVillagesAsync(Excerpt, DivisionReferenceData.DefaultDirectory, TestContext.Current.CancellationToken);
        Assert.Equal(rows.Count, report.Rows);
        Assert.Equal(rows.Count, report.Recorded + report.Rejections.Count);
        Assert.True(report.Recorded >= rows.Count - 5, string.Join("; ", report.Rejections.Select(r => $"{r.Code} {r.Rule}")));

        // A seat of a township whose prefecture has a shipped outline (the new proposal lies inside it), named as its
        // committee is named without the committee words.
        var (row, point) = rows.Where(r => report.Rejections.All(x => x.Code != r[0]))
            .Select(r => (Row: r, Point: PlaceTestData.InsidePrefectureOf(r[2])))
            .First(r => r.Point is not null);
        var seat = VillageSeats.NameOf(row[1]);
        Assert.DoesNotContain("委", seat, StringComparison.Ordinal);
        var record = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names/stats-{row[0]}"));
        Assert.Equal("recorded", record.GetProperty("status").GetString());
        Assert.Equal(seat, record.GetProperty("name").GetString());
        Assert.Equal(VillageSeat, record.GetProperty("category").GetString());
        Assert.Equal(row[2], record.GetProperty("divisionCode").GetString());
        // Its code: its township, category 03 (village seats), its statistical serial.
        Assert.Equal(row[2] + "0300" + row[0][^3..], record.GetProperty("code").GetString());

        var conflict = await Problems.AssertProblemAsync(await api.ProposeAsync(seat, await api.SpellingAsync(seat, VillageSeat),
            VillageSeat, row[2], point!), HttpStatusCode.Conflict, "place-name-duplicate");
        Assert.Contains($"stats-{row[0]}", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // Written past the grains, the names reach the search index by a rebuild (a stopped service's next start
        // builds it), and one without a location is found by name, its point unknown (null, not a number).
        using var admin = fixture.Factory.ClientWithRoles("admin");
        await PlaceNameClient.OkAsync(await admin.PostAsync("/api/place-names/index/rebuild", null));
        var found = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync(
            $"/api/place-names?q={Uri.EscapeDataString(seat)}&division={row[2]}"));
        var hit = found.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == $"stats-{row[0]}");
        Assert.Equal(JsonValueKind.Null, hit.GetProperty("longitude").ValueKind);
        Assert.Equal(JsonValueKind.Null, hit.GetProperty("latitude").ValueKind);

        // A re-run inserts nothing and changes no record.
        var again = await Stock.ImportVillagesAsync(Excerpt, DivisionReferenceData.DefaultDirectory, TestContext.Current.CancellationToken);
        Assert.Equal(report.Flagged, again.Flagged);
        var history = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync($"/api/place-names/stats-{row[0]}/history"));
        Assert.Equal(1, history.GetArrayLength());
    }

    [Fact]
    public async Task SeedTownships_RecordsTheShippedListOnce_AndANewTownshipNameDuplicatingOneIsRefused()
    {
        var clock = Stopwatch.StartNew();
        var report = await Stock.SeedTownshipsAsync(DivisionReferenceData.DefaultDirectory, TestContext.Current.CancellationToken);
        output.WriteLine($"Seeded {report?.Recorded} of {report?.Rows} townships in {clock.Elapsed.TotalSeconds:F1} s; " +
            $"{report?.Flagged} flagged, {report?.Rejections.Count} rejected: " +
            string.Join(", ", report?.Rejections.GroupBy(r => r.Rule).Select(g => $"{g.Key} {g.Count()}") ?? []));
        Assert.NotNull(report);
        var townships = ReferenceDivisions.All.Count(d => d.Level == DivisionLevel.Township);
        Assert.Equal(townships, report.Rows);
        // Every listed name is in force, so every one is recorded: those written with characters outside the standard
        // (中国（上海）自由贸易试验区（保税片区）, 化学新材料产业园-沿江街道, rare characters) as written, flagged.
        Assert.Empty(report.Rejections);
        Assert.Equal(report.Rows, report.Recorded);
        Assert.True(report.CharacterFlags.Count >= 28, $"{report.CharacterFlags.Count} flagged with characters outside the standard");
        var freeTradeZone = Assert.Single(report.CharacterFlags, f => f.Code == "310115501");
        Assert.Equal("中国（上海）自由贸易试验区（保税片区）", freeTradeZone.Name);
        Assert.Contains($"flagged,{NameCharacters.Flag}", report.ReportCsv(), StringComparison.Ordinal);
        var zone = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync("/api/place-names/stats-310115501"));
        Assert.Equal("recorded", zone.GetProperty("status").GetString());
        Assert.Equal(freeTradeZone.Name, zone.GetProperty("name").GetString());
        Assert.Equal(freeTradeZone.Romanization, zone.GetProperty("romanization").GetString());
        Assert.Equal([NameCharacters.FullWidthParentheses],
            zone.GetProperty("characterFlags").EnumerateArray().Select(f => f.GetString()!));
        // Same-named townships within one county exist in the list: they are recorded, flagged.
        Assert.True(report.Flagged > 0);
        Assert.Null(await Stock.SeedTownshipsAsync(DivisionReferenceData.DefaultDirectory, TestContext.Current.CancellationToken));

        var (point, township, _) = PlaceTestData.TownshipAround(0);
        var record = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names/stats-{township.Code}"));
        Assert.Equal("recorded", record.GetProperty("status").GetString());
        Assert.Equal(township.Name, record.GetProperty("name").GetString());
        Assert.Equal("administrative-division", record.GetProperty("category").GetString());
        Assert.Equal(township.Code[..6] + "000" + "0200" + township.Code[^3..], record.GetProperty("code").GetString());
        var conflict = await Problems.AssertProblemAsync(await api.ProposeAsync(township.Name,
                await api.SpellingAsync(township.Name, "administrative-division"), "administrative-division", township.Code, point),
            HttpStatusCode.Conflict, "place-name-duplicate");
        Assert.Contains($"stats-{township.Code}", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportVillages_NamesOutsideTheStandard_RecordedAsWrittenFlaggedApartFromRejections_AndFound()
    {
        var file = Path.Combine(PlaceTestData.DataDirectory, "villages-outside-standard.csv");
        var rows = File.ReadLines(file).Skip(1).Select(line => CsvLine.Fields(line)!).ToList();
        var report = await Stock.ImportVillagesAsync(file, DivisionReferenceData.DefaultDirectory, TestContext.Current.CancellationToken);
        Assert.Equal(rows.Count, report.Rows);
        Assert.Empty(report.Rejections);
        Assert.Equal(rows.Count, report.Recorded);
        Assert.Equal(rows.Select(r => r[0]), report.CharacterFlags.Select(f => f.Code));
        var csv = report.ReportCsv();
        Assert.Equal(rows.Count, csv.Split("\r\n").Count(l => l.Contains($",flagged,{NameCharacters.Flag},", StringComparison.Ordinal)));
        Assert.Contains("full-width-parentheses （）", csv, StringComparison.Ordinal);

        var university = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync("/api/place-names/stats-110108010027"));
        Assert.Equal("recorded", university.GetProperty("status").GetString());
        Assert.Equal("中国矿业大学（北京）社区", university.GetProperty("name").GetString());
        Assert.Equal([NameCharacters.FullWidthParentheses],
            university.GetProperty("characterFlags").EnumerateArray().Select(f => f.GetString()!));
        var privateUse = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync("/api/place-names/stats-420684103229"));
        Assert.Equal("高\uE170村", privateUse.GetProperty("name").GetString());
        Assert.Equal([NameCharacters.PrivateUse], privateUse.GetProperty("characterFlags").EnumerateArray().Select(f => f.GetString()!));

        // Found by characters (with or without the brackets) and by the pinyin of the standard part.
        using var admin = fixture.Factory.ClientWithRoles("admin");
        await PlaceNameClient.OkAsync(await admin.PostAsync("/api/place-names/index/rebuild", null));
        foreach (var (query, id) in new[]
                 {
                     ("中国矿业大学北京社区", "stats-110108010027"), ("Zhongguokuangyedaxue Beijing", "stats-110108010027"),
                     ("温泉花园A区", "stats-110114115008"), ("那𡌶村", "stats-451302107210"),
                 })
        {
            var found = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names?q={Uri.EscapeDataString(query)}"));
            Assert.Contains(id, found.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
        }

        // A new name written the same way is refused: the standard holds for new names.
        await Problems.AssertProblemAsync(await api.ProposeAsync("温泉花园C区社区", "Wenquanhuayuan C Qu Shequ", VillageSeat,
            "110114115", PlaceTestData.ChinesePoint(0)), HttpStatusCode.BadRequest, "place-name-han");

        // A re-run records nothing again and reports the same flags.
        var again = await Stock.ImportVillagesAsync(file, DivisionReferenceData.DefaultDirectory, TestContext.Current.CancellationToken);
        Assert.Equal(report.CharacterFlags, again.CharacterFlags);
        var history = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync("/api/place-names/stats-110108010027/history"));
        Assert.Equal(1, history.GetArrayLength());
    }

    [Fact]
    public void VillageSeatName_DropsTheCommitteeWordsOfEveryExcerptRow()
    {
        foreach (var row in File.ReadLines(Excerpt).Skip(1).Select(line => CsvLine.Fields(line)!))
        {
            var seat = VillageSeats.NameOf(row[1]);
            Assert.False(seat.EndsWith("委会", StringComparison.Ordinal) || seat.EndsWith("委员会", StringComparison.Ordinal), seat);
            Assert.False(seat.EndsWith("村村", StringComparison.Ordinal), seat);
            Assert.StartsWith(seat.TrimEnd('村').Replace("社区", "", StringComparison.Ordinal), row[1], StringComparison.Ordinal);
        }
    }
}
