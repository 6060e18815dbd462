using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Text;
using Registry.Hosting.Divisions;

namespace Registry.Api.Tests.Spatial;

/// <summary>
/// A division's geometry is shown only while the division is in force (issue 14 part 4), by every spatial read: the
/// point query, adjacency, the boundary between two divisions, features in a box, the geometry of a division on a
/// date and the OGC divisions collection (items by bbox and instant, a single item). Two real cases: a prefecture the
/// shipped 2017 edition does not list and the 2020 edition does (那曲市 540600, 那曲地区 recoded in 2018), whose
/// seeded geometry must not show before the division existed; and a seeded prefecture merged into its neighbouring
/// sibling by a recorded change, whose geometry must stop on the merge date and still show the day before.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class EndedGeometryTests(ApiFixture fixture)
{
    private const string Earliest = "2017-10-31";

    private RegistryApiFactory Api => fixture.Factory;

    private HttpClient Client => Api.ClientWithRoles();

    private static string D(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Box(Envelope e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.MinX:R},{e.MinY:R},{e.MaxX:R},{e.MaxY:R}");

    private async Task<JsonElement> OkAsync(string url)
    {
        var response = await Client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task NotFoundAsync(string url) =>
        await Problems.AssertProblemAsync(await Client.GetAsync(url), HttpStatusCode.NotFound,
            "division-geometry-not-found");

    /// <summary>The codes every spatial read answers for a division on a date (what it shows), and whether its
    /// own division-scoped reads (geometry, adjacency) answer at all.</summary>
    private async Task<Shown> ShownAsync(string code, Point inside, Envelope extent, string date)
    {
        var point = (await OkAsync(string.Create(CultureInfo.InvariantCulture,
                $"/api/spatial/divisions?lon={inside.X:R}&lat={inside.Y:R}&asOf={date}")))
            .GetProperty("divisions").EnumerateArray().Select(d => d.GetProperty("code").GetString()!).ToList();
        var features = (await OkAsync($"/api/spatial/features?layer=divisions&bbox={Box(extent)}&asOf={date}&limit=1000"))
            .GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();
        var ogc = (await OkAsync($"/ogc/collections/divisions/items?bbox={Box(extent)}&datetime={date}&limit=1000"))
            .GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();
        var geometry = (await Client.GetAsync($"/api/boundaries/divisions/{code}/geometry?asOf={date}")).StatusCode;
        var adjacent = (await Client.GetAsync($"/api/spatial/divisions/{code}/adjacent?asOf={date}")).StatusCode;
        return new Shown(point.Contains(code), features.Contains(code), ogc.Contains(code), geometry, adjacent);
    }

    private async Task<List<string>> NeighboursAsync(string code, string date) =>
        (await OkAsync($"/api/spatial/divisions/{code}/adjacent?asOf={date}")).GetProperty("adjacent")
        .EnumerateArray().Select(a => a.GetProperty("code").GetString()!).ToList();

    private sealed record Shown(bool Point, bool Features, bool Ogc, HttpStatusCode Geometry, HttpStatusCode Adjacent)
    {
        public static Shown Everywhere { get; } = new(true, true, true, HttpStatusCode.OK, HttpStatusCode.OK);

        public static Shown Nowhere { get; } =
            new(false, false, false, HttpStatusCode.NotFound, HttpStatusCode.NotFound);
    }

    /// <summary>The seeded prefectures the earliest shipped edition does not list: established later.</summary>
    private static List<ShippedGeometry.Feature> SeededAfterTheEarliestEdition()
    {
        var earliest = File.ReadLines(Path.Combine(DivisionReferenceData.DefaultDirectory, "editions", Earliest,
                "cities.csv")).Skip(1)
            .Concat(File.ReadLines(Path.Combine(DivisionReferenceData.DefaultDirectory, "editions", Earliest,
                "areas.csv")).Skip(1))
            .Select(line => CsvLine.Fields(line)![0].PadRight(6, '0'))
            .ToHashSet();
        return ShippedGeometry.Seeded(ShippedGeometry.Prefectures).Where(p => !earliest.Contains(p.Code)).ToList();
    }

    [Fact]
    public async Task PrefectureEstablishedBetweenEditions_IsShownByNoSpatialReadBeforeItExisted()
    {
        var later = SeededAfterTheEarliestEdition();
        var nagqu = Assert.Single(later, p => p.Name == "那曲市");
        var division = await OkAsync($"/api/divisions/{nagqu.Code}");
        var from = division.GetProperty("validFrom").GetString()!;
        Assert.True(string.CompareOrdinal(from, Earliest) > 0, from);
        Assert.Equal("not-yet-established",
            (await OkAsync($"/api/divisions/{nagqu.Code}?asOf={Earliest}")).GetProperty("status").GetString());
        var inside = ShippedGeometry.InteriorPoint(nagqu.Geometry);
        var extent = nagqu.Geometry.EnvelopeInternal;

        Assert.Equal(Shown.Nowhere, await ShownAsync(nagqu.Code, inside, extent, Earliest));
        Assert.Equal(Shown.Everywhere, await ShownAsync(nagqu.Code, inside, extent, from));

        // Its neighbours see it from its first day only, and the boundary between them is derived from then on.
        var neighbour = (await NeighboursAsync(nagqu.Code, from)).First();
        Assert.DoesNotContain(nagqu.Code, await NeighboursAsync(neighbour, Earliest));
        Assert.Contains(nagqu.Code, await NeighboursAsync(neighbour, from));
        await NotFoundAsync($"/api/spatial/boundary?between={nagqu.Code},{neighbour}&asOf={Earliest}");
        var boundary = await OkAsync($"/api/spatial/boundary?between={nagqu.Code},{neighbour}&asOf={from}");
        Assert.Equal("derived-from-geometry", boundary.GetProperty("properties").GetProperty("source").GetString());

        // The province around it is shown on both dates: only the prefecture did not exist yet.
        var province = nagqu.Code[..2] + "0000";
        var atEarliest = (await OkAsync(string.Create(CultureInfo.InvariantCulture,
            $"/api/spatial/divisions?lon={inside.X:R}&lat={inside.Y:R}&asOf={Earliest}"))).GetProperty("divisions");
        Assert.Equal([province], atEarliest.EnumerateArray().Select(d => d.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task PrefectureMergedIntoItsNeighbour_IsShownTheDayBeforeAndByNoSpatialReadFromTheMerge()
    {
        var cities = ShippedGeometry.Seeded(ShippedGeometry.Prefectures)
            .Where(p => p.Code.EndsWith("00", StringComparison.Ordinal)).OrderBy(p => p.Code, StringComparer.Ordinal)
            .ToList();
        // From the middle of the list, away from the divisions other tests of this registry rename or merge: the
        // first city sharing a boundary with a sibling city of its province.
        var (source, target) = cities.Skip(cities.Count / 2)
            .Select(p => (p, cities.FirstOrDefault(o => o.Code != p.Code && o.Code[..2] == p.Code[..2] &&
                                                        o.Geometry.Intersects(p.Geometry))))
            .First(pair => pair.Item2 is not null);
        // Ahead of the clock, so the tests sharing this registry that ask about the coming days see it unchanged.
        var merged = Api.Today.AddYears(3);
        var dayBefore = D(merged.AddDays(-1));
        var inside = ShippedGeometry.InteriorPoint(source.Geometry);
        var extent = source.Geometry.EnvelopeInternal;
        Assert.Equal(Shown.Everywhere, await ShownAsync(source.Code, inside, extent, D(merged)));

        var response = await Api.ClientWithRoles("admin").PostAsJsonAsync($"/api/divisions/{source.Code}/merges",
            new { into = target!.Code, effectiveDate = D(merged), reason = "合并 (ended-geometry test)" });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        Assert.Equal(Shown.Everywhere, await ShownAsync(source.Code, inside, extent, dayBefore));
        Assert.Equal(Shown.Nowhere, await ShownAsync(source.Code, inside, extent, D(merged)));
        Assert.Equal(Shown.Nowhere, await ShownAsync(source.Code, inside, extent, D(merged.AddYears(1))));

        Assert.Contains(source.Code, await NeighboursAsync(target.Code, dayBefore));
        Assert.DoesNotContain(source.Code, await NeighboursAsync(target.Code, D(merged)));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync(
            $"/api/spatial/boundary?between={source.Code},{target.Code}&asOf={dayBefore}")).StatusCode);
        await NotFoundAsync($"/api/spatial/boundary?between={source.Code},{target.Code}&asOf={D(merged)}");
        await NotFoundAsync($"/api/boundaries/divisions/{source.Code}/geometry?asOf={D(merged)}");

        // The province still answers for the point; the merged city's geometry is not stretched over the target's
        // (the registry records the merge, not a new outline), so the target is not shown there either.
        var after = (await OkAsync(string.Create(CultureInfo.InvariantCulture,
                $"/api/spatial/divisions?lon={inside.X:R}&lat={inside.Y:R}&asOf={D(merged)}")))
            .GetProperty("divisions").EnumerateArray().Select(d => d.GetProperty("code").GetString()).ToList();
        Assert.Equal([source.Code[..2] + "0000"], after);

        // Its versions stay readable as history.
        var versions = await OkAsync($"/api/boundaries/divisions/{source.Code}/geometry/versions");
        Assert.NotEqual(0, versions.GetArrayLength());
    }
}
