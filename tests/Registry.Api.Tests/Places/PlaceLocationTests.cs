using System.Net;
using System.Text;

namespace Registry.Api.Tests.Places;

/// <summary>A location must lie in its division's outline or its nearest ancestor's (the shipped prefecture and province
/// outlines are seeded in this API), with real GeoNames points of the excerpt.</summary>
[Collection(PlaceStockCollection.Name)]
public sealed class PlaceLocationTests(ApiFixture fixture)
{
    private const string Category = "residential-area";

    private readonly PlaceNameClient api = new(fixture.Factory);

    [Fact]
    public async Task Propose_PointInItsPrefecture_Created_PointInAnotherPrefecture_422()
    {
        var (inside, township, prefecture) = PlaceTestData.TownshipAround(1);
        var (elsewhere, _, other) = Enumerable.Range(2, 20).Select(n => PlaceTestData.TownshipAround(n))
            .First(t => t.Prefecture != prefecture);
        Assert.NotEqual(prefecture, other);
        var spelling = await api.SpellingAsync(township.Name, Category);

        var refused = await Problems.AssertProblemAsync(await api.ProposeAsync(township.Name, spelling, Category, township.Code, elsewhere),
            HttpStatusCode.UnprocessableEntity, "geometry-outside-division");
        Assert.Contains(prefecture, refused.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var created = await api.ProposeAsync(township.Name, spelling, Category, township.Code, inside);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task Import_LocationOutsideItsDivision_RowRefusedWithTheRule()
    {
        var (_, township, prefecture) = PlaceTestData.TownshipAround(4);
        var (elsewhere, _, _) = Enumerable.Range(5, 20).Select(n => PlaceTestData.TownshipAround(n))
            .First(t => t.Prefecture != prefecture);
        var geometry = elsewhere.ToJsonString().Replace("\"", "\"\"", StringComparison.Ordinal);
        var csv = "name,romanization,category,divisionCode,geometry,approvingAuthority,approvedOn,status\n" +
                  $"{township.Name},,{Category},{township.Code},\"{geometry}\",,,recorded\n";
        var job = await PlaceNameClient.OkAsync(await api.Registrar.PostAsync(
            "/api/place-names/imports?source=outside.csv&wait=true", new StringContent(csv, Encoding.UTF8, "text/csv")));
        Assert.Equal(0, job.GetProperty("recorded").GetInt64());
        Assert.Equal("geometry-outside-division", job.GetProperty("rejections")[0].GetProperty("rule").GetString());
    }
}
