using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Api.Tests.Places;

/// <summary>
/// House numbers as real addresses write them (甲12号, 12-1, 12之1) in bounded blocks of a street, their plate
/// certificates, and the signs and plates a bureau sets and keeps (road and lane signs, building, door and unit plates)
/// with their condition.
/// </summary>
[Collection(PlaceApiCollection.Name)]
public sealed class PlatesTests(PlaceApiFixture fixture)
{
    private readonly PlaceNameClient api = new(fixture.Factory);

    private async Task<(string Id, IReadOnlyList<(double Lon, double Lat)> Line)> StreetAsync(int n)
    {
        var office = PlaceTestData.TownshipWhere(name => name.EndsWith("路街道", StringComparison.Ordinal), n);
        var line = PlaceTestData.Line(1);
        var street = await api.ProposedAsync(office.Name[..^2], "street", office.Code, PlaceTestData.LineString(line));
        var id = street.GetProperty("id").GetString()!;
        await api.ApprovedAsync(id);
        return (id, line);
    }

    [Fact]
    public async Task HouseNumbers_SubNumbersBesideTheirBase_OneNumberInTwoNotations()
    {
        var (id, line) = await StreetAsync(5);
        var url = $"/api/place-names/{id}/house-numbers";

        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "12-1", location = PlaceTestData.Beside(line, 1, -0.0003) }),
            HttpStatusCode.UnprocessableEntity, "house-number-sub-without-base");
        var twelve = await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "12号", location = PlaceTestData.Beside(line, 1, -0.0003) }), HttpStatusCode.Created);
        Assert.Equal("12号", twelve.GetProperty("label").GetString());
        var sub = await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "12之1", location = PlaceTestData.Beside(line, 1, -0.0004) }), HttpStatusCode.Created);
        Assert.Equal("12之1号", sub.GetProperty("label").GetString());
        Assert.Equal("12-1", sub.GetProperty("key").GetString());
        Assert.Equal("right", sub.GetProperty("side").GetString());
        Assert.NotEqual(twelve.GetProperty("certificateNumber").GetString(), sub.GetProperty("certificateNumber").GetString());

        // 12-1 is 12之1 written otherwise; a sub-number takes its base number's side.
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "12-1", location = PlaceTestData.Beside(line, 1, -0.0005) }),
            HttpStatusCode.Conflict, "house-number-duplicate");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "甲12号", location = PlaceTestData.Beside(line, 1, 0.0003) }),
            HttpStatusCode.UnprocessableEntity, "house-number-side");
        var jia = await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "甲12号", location = PlaceTestData.Beside(line, 1, -0.0002) }), HttpStatusCode.Created);
        Assert.Equal("甲12", jia.GetProperty("key").GetString());
        foreach (var bad in new[] { "12a", "0", "子12", "12-0", "-3", "" })
        {
            await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { number = bad, location = PlaceTestData.Beside(line, 1, -0.0003) }),
                HttpStatusCode.BadRequest, bad.Length == 0 ? "field-required" : "house-number-format");
        }

        // Number 112 lives in the second block; the order rule reaches across blocks (112 cannot lie before 12).
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { number = "112", location = PlaceTestData.Beside(line, 0, -0.0003) }),
            HttpStatusCode.UnprocessableEntity, "house-number-order");
        var far = await api.Registrar.PostAsJsonAsync(url, new { number = "112", location = PlaceTestData.Beside(line, 3, -0.0003) });
        await PlaceNameClient.OkAsync(far, HttpStatusCode.Created);
        Assert.EndsWith("house-numbers?page=2", far.Headers.Location?.OriginalString);

        var first = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync(url));
        Assert.Equal(2, first.GetProperty("pages").GetInt32());
        Assert.Equal(["12", "甲12", "12-1"], first.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("key").GetString()));
        var second = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync(url + "?page=2"));
        Assert.Equal(["112"], second.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("key").GetString()));
    }

    [Fact]
    public async Task Signs_RecordedWithAddressKindAndCondition_RemovalFinal()
    {
        var (id, line) = await StreetAsync(6);
        var url = $"/api/place-names/{id}/signs";
        await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync($"/api/place-names/{id}/house-numbers",
            new { number = "8", location = PlaceTestData.Beside(line, 1, -0.0003) }), HttpStatusCode.Created);
        var today = api.Today.ToString("yyyy-MM-dd");

        var road = await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync(url, new { kind = "road-sign", setOn = today }), HttpStatusCode.Created);
        Assert.Equal(1, road.GetProperty("serial").GetInt32());
        Assert.Equal("set", road.GetProperty("condition").GetString());
        var unit = await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync(url,
            new { kind = "unit-plate", houseNumber = "8号", unit = "2单元", setOn = today }), HttpStatusCode.Created);
        Assert.Equal("8", unit.GetProperty("houseNumber").GetString());
        Assert.Equal("2单元", unit.GetProperty("unit").GetString());

        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { kind = "door-plate", houseNumber = "10", setOn = today }),
            HttpStatusCode.UnprocessableEntity, "place-sign-house-number");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { kind = "door-plate", setOn = today }),
            HttpStatusCode.BadRequest, "field-required");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { kind = "road-sign", houseNumber = "8", setOn = today }),
            HttpStatusCode.UnprocessableEntity, "place-sign-address");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { kind = "billboard", setOn = today }),
            HttpStatusCode.BadRequest, "place-sign-kind");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync(url, new { kind = "road-sign", setOn = api.Today.AddDays(1).ToString("yyyy-MM-dd") }),
            HttpStatusCode.UnprocessableEntity, "place-sign-date");

        var replaced = await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync($"{url}/1/conditions",
            new { condition = "replaced", date = today, note = "褪色 (test)" }));
        Assert.Equal("replaced", replaced.GetProperty("condition").GetString());
        await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync($"{url}/1/conditions", new { condition = "removed", date = today }));
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"{url}/1/conditions", new { condition = "maintained", date = today }),
            HttpStatusCode.UnprocessableEntity, "place-sign-removed");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"{url}/9/conditions", new { condition = "maintained", date = today }),
            HttpStatusCode.NotFound, "place-sign-not-found");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"{url}/2/conditions", new { condition = "set", date = today }),
            HttpStatusCode.BadRequest, "place-sign-condition");

        var signs = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync(url));
        Assert.Equal(2, signs.GetProperty("total").GetInt32());
        var items = signs.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["removed", "set"], items.Select(i => i.GetProperty("condition").GetString()));
        Assert.Equal(["set", "replaced", "removed"], items[0].GetProperty("history").EnumerateArray().Select(h => h.GetProperty("condition").GetString()));
        Assert.Equal("褪色 (test)", items[0].GetProperty("history")[1].GetProperty("note").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.Anonymous.GetAsync(url)).StatusCode);
    }
}
