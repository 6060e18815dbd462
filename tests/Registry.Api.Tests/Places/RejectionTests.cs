using System.Net;
using System.Net.Http.Json;

namespace Registry.Api.Tests.Places;

/// <summary>A proposal refused with reasons stays as history, cannot be approved, and frees its name.</summary>
[Collection(PlaceApiCollection.Name)]
public sealed class RejectionTests(PlaceApiFixture fixture)
{
    private const string AdministrativeDivision = "administrative-division";

    private readonly PlaceNameClient api = new(fixture.Factory);

    [Fact]
    public async Task Reject_ProposedName_RecordedWithReasons_NameFreeAgain()
    {
        var township = PlaceTestData.Township(78);
        var proposed = await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(78));
        var id = proposed.GetProperty("id").GetString()!;

        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"/api/place-names/{id}/rejection", new { reasons = "" }),
            HttpStatusCode.BadRequest, "field-required");
        var rejected = await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync($"/api/place-names/{id}/rejection",
            new { reasons = "与相邻乡镇名称重名 (test)" }));
        Assert.Equal("rejected", rejected.GetProperty("status").GetString());

        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"/api/place-names/{id}/approval",
            new { authority = "县人民政府", date = api.Today.ToString("yyyy-MM-dd") }), HttpStatusCode.UnprocessableEntity, "place-name-status");
        var history = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync($"/api/place-names/{id}/history"));
        var last = history.EnumerateArray().Last();
        Assert.Equal("rejected", last.GetProperty("kind").GetString());
        Assert.Equal("与相邻乡镇名称重名 (test)", last.GetProperty("reason").GetString());

        // The refused name's duplicate keys were given back: the same name can be proposed again.
        await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(79));
    }
}
