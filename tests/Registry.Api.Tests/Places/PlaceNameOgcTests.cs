using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Registry.Api.Tests.Places;

/// <summary>The OGC API - Features <c>place-names</c> collection: public names only, their geometry, paging.</summary>
[Collection(PlaceApiCollection.Name)]
public sealed class PlaceNameOgcTests(PlaceApiFixture fixture)
{
    private const string AdministrativeDivision = "administrative-division";

    private readonly PlaceNameClient api = new(fixture.Factory);

    [Fact]
    public async Task PlaceNamesCollection_ServesAnnouncedNamesWithGeometry_NotProposedOnes_AndPages()
    {
        var first = await AnnouncedAtAsync(40, 32);
        var second = await AnnouncedAtAsync(41, 33);
        var unannounced = PlaceTestData.Township(42);
        var (lon, lat) = PlaceTestData.ChineseCoordinates(34);
        var proposed = (await api.ProposedAsync(unannounced.Name, AdministrativeDivision, unannounced.Code,
            PlaceTestData.Point(lon, lat))).GetProperty("id").GetString()!;

        var page = await ItemsAsync(Box(first.Lon, first.Lat));
        var feature = page.GetProperty("features").EnumerateArray()
            .Single(f => f.GetProperty("id").GetString() == first.Id);
        Assert.Equal(first.Name, feature.GetProperty("properties").GetProperty("name").GetString());
        Assert.Equal("announced", feature.GetProperty("properties").GetProperty("status").GetString());
        var coordinates = feature.GetProperty("geometry").GetProperty("coordinates");
        Assert.Equal(first.Lon, coordinates[0].GetDouble(), 6);
        Assert.Equal(first.Lat, coordinates[1].GetDouble(), 6);

        var near = await ItemsAsync(Box(lon, lat));
        Assert.DoesNotContain(near.GetProperty("features").EnumerateArray(),
            f => f.GetProperty("id").GetString() == proposed);
        await Problems.AssertProblemAsync(
            await api.Anonymous.GetAsync($"/ogc/collections/place-names/items/{proposed}"),
            HttpStatusCode.NotFound, "feature-not-found");
        var single = JsonDocument.Parse(await api.Anonymous.GetStringAsync(
            $"/ogc/collections/place-names/items/{second.Id}")).RootElement;
        Assert.Equal(second.Name, single.GetProperty("properties").GetProperty("name").GetString());

        // Both announced names in one box, one to a page: the next link leads to the other.
        var both = string.Create(CultureInfo.InvariantCulture,
            $"{Math.Min(first.Lon, second.Lon) - 0.01},{Math.Min(first.Lat, second.Lat) - 0.01}," +
            $"{Math.Max(first.Lon, second.Lon) + 0.01},{Math.Max(first.Lat, second.Lat) + 0.01}");
        var seen = new List<string>();
        var url = $"/ogc/collections/place-names/items?bbox={both}&limit=1";
        while (url is not null)
        {
            var current = JsonDocument.Parse(await api.Anonymous.GetStringAsync(url)).RootElement;
            Assert.True(current.GetProperty("numberReturned").GetInt32() <= 1);
            seen.AddRange(current.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetString()!));
            url = current.GetProperty("links").EnumerateArray()
                .Where(l => l.GetProperty("rel").GetString() == "next")
                .Select(l => new Uri(l.GetProperty("href").GetString()!).PathAndQuery)
                .FirstOrDefault();
        }

        Assert.Contains(first.Id, seen);
        Assert.Contains(second.Id, seen);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.DoesNotContain(proposed, seen);

        await Problems.AssertProblemAsync(
            await api.Anonymous.GetAsync($"/ogc/collections/place-names/items?bbox={both}&cursor=bm90LWEtbnVtYmVy"),
            HttpStatusCode.BadRequest, "cursor-invalid");
    }

    private async Task<(string Id, string Name, double Lon, double Lat)> AnnouncedAtAsync(int township, int city)
    {
        var division = PlaceTestData.Township(township);
        var (lon, lat) = PlaceTestData.ChineseCoordinates(city);
        var id = (await api.ProposedAsync(division.Name, AdministrativeDivision, division.Code,
            PlaceTestData.Point(lon, lat))).GetProperty("id").GetString()!;
        await api.AnnouncedAsync(id);
        return (id, division.Name, lon, lat);
    }

    private async Task<JsonElement> ItemsAsync(string bbox) =>
        JsonDocument.Parse(await api.Anonymous.GetStringAsync(
            $"/ogc/collections/place-names/items?bbox={bbox}&limit=100")).RootElement;

    private static string Box(double lon, double lat) =>
        string.Create(CultureInfo.InvariantCulture, $"{lon - 0.001},{lat - 0.001},{lon + 0.001},{lat + 0.001}");
}
