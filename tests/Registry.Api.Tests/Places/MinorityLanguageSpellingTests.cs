using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Registry.Api.Tests.Places;

/// <summary>A registrar records a Roman spelling transliterated from a minority language, naming the language and a
/// reason that the history keeps; without them the spelling is checked as Hanyu Pinyin and refused.</summary>
[Collection(PlaceApiCollection.Name)]
public sealed class MinorityLanguageSpellingTests(PlaceApiFixture fixture)
{
    private const string AdministrativeDivision = "administrative-division";

    private readonly PlaceNameClient api = new(fixture.Factory);

    private Task<HttpResponseMessage> ProposeAsync(string name, string code, string spelling, JsonNode? minority, int point) =>
        api.Registrar.PostAsJsonAsync("/api/place-names", new JsonObject
        {
            ["name"] = name,
            ["romanization"] = spelling,
            ["category"] = AdministrativeDivision,
            ["divisionCode"] = code,
            ["geometry"] = PlaceTestData.ChinesePoint(point),
            ["meaning"] = "test",
            ["minorityLanguage"] = minority,
        });

    [Fact]
    public async Task Propose_MinorityLanguageSpellingWithLanguageAndReason_RecordedAndAudited()
    {
        var township = PlaceTestData.Township(77);
        // A spelling that is no Hanyu Pinyin of these characters: the syllables of GeoNames' Ürümqi.
        const string spelling = "Ürümqi";
        var asPinyin = await ProposeAsync(township.Name, township.Code, spelling, null, 77);
        Assert.Equal(HttpStatusCode.BadRequest, asPinyin.StatusCode);
        Assert.StartsWith("romanization-", (await asPinyin.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("rule").GetString());
        await Problems.AssertProblemAsync(await ProposeAsync(township.Name, township.Code, spelling,
            new JsonObject { ["language"] = "Uyghur" }, 77), HttpStatusCode.BadRequest, "field-required");

        var created = await PlaceNameClient.OkAsync(await ProposeAsync(township.Name, township.Code, spelling,
            new JsonObject { ["language"] = "Uyghur", ["reason"] = "form used by the prefecture's gazetteer" }, 77),
            HttpStatusCode.Created);
        Assert.Equal("Uyghur", created.GetProperty("romanizationLanguage").GetString());
        Assert.Equal(spelling, created.GetProperty("romanization").GetString());
        var id = created.GetProperty("id").GetString()!;
        var history = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync($"/api/place-names/{id}/history"));
        var proposed = history.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "proposed");
        Assert.Equal("form used by the prefecture's gazetteer", proposed.GetProperty("reason").GetString());
    }
}
