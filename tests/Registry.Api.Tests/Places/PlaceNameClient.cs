using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Api.Tests.Places;

/// <summary>Calls of the place-name API the tests repeat, on the registrar's client.</summary>
public sealed class PlaceNameClient(RegistryApiFactory api)
{
    public const string RegistrarRole = "registrar.places";

    public HttpClient Registrar { get; } = api.ClientWithRoles(RegistrarRole);

    public HttpClient Anonymous { get; } = api.ClientWithRoles();

    public DateOnly Today => api.Today;

    /// <summary>The API's suggested spelling (from the shipped table).</summary>
    public async Task<string> SpellingAsync(string name, string category)
    {
        var response = await Anonymous.GetAsync($"/api/place-names/spelling?name={Uri.EscapeDataString(name)}&category={category}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("romanization").GetString()!;
    }

    public Task<HttpResponseMessage> ProposeAsync(string name, string romanization, string category, string division,
        JsonNode geometry, string? meaning = "test") =>
        Registrar.PostAsJsonAsync("/api/place-names", new JsonObject
        {
            ["name"] = name,
            ["romanization"] = romanization,
            ["category"] = category,
            ["divisionCode"] = division,
            ["geometry"] = geometry.DeepClone(),
            ["meaning"] = meaning,
        });

    /// <summary>Proposes with the suggested spelling; asserts 201 and returns the record.</summary>
    public async Task<JsonElement> ProposedAsync(string name, string category, string division, JsonNode geometry)
    {
        var response = await ProposeAsync(name, await SpellingAsync(name, category), category, division, geometry);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }

    public async Task<JsonElement> ApprovedAsync(string id)
    {
        var response = await Registrar.PostAsJsonAsync($"/api/place-names/{id}/approval",
            new { authority = "县人民政府", date = Today.ToString("yyyy-MM-dd") });
        return await OkAsync(response);
    }

    public async Task<JsonElement> AnnouncedAsync(string id)
    {
        await ApprovedAsync(id);
        return await OkAsync(await Registrar.PostAsync($"/api/place-names/{id}/announcement", null));
    }

    /// <summary>Proposes a rename (201) and approves it today; returns the record.</summary>
    public async Task<JsonElement> RenamedAsync(string id, string name, string category, DateOnly effective,
        string reason = "更名批复 (test)")
    {
        var proposed = await OkAsync(await Registrar.PostAsJsonAsync($"/api/place-names/{id}/renames", new
        {
            name,
            romanization = await SpellingAsync(name, category),
            effectiveDate = effective.ToString("yyyy-MM-dd"),
            reason,
        }), HttpStatusCode.Created);
        return await ApprovedChangeAsync(id, proposed.GetProperty("changes").EnumerateArray().Last().GetProperty("number").GetInt32());
    }

    /// <summary>Proposes an abolition (201) and approves it today; returns the record.</summary>
    public async Task<JsonElement> AbolishedAsync(string id, DateOnly? effective = null)
    {
        var proposed = await OkAsync(await Registrar.PostAsJsonAsync($"/api/place-names/{id}/abolition", new
        {
            reason = "撤销 (test)",
            effectiveDate = effective?.ToString("yyyy-MM-dd"),
        }), HttpStatusCode.Created);
        return await ApprovedChangeAsync(id, proposed.GetProperty("changes").EnumerateArray().Last().GetProperty("number").GetInt32());
    }

    public async Task<JsonElement> ApprovedChangeAsync(string id, int number) =>
        await OkAsync(await Registrar.PostAsJsonAsync($"/api/place-names/{id}/changes/{number}/approval",
            new { authority = "市人民政府", date = Today.ToString("yyyy-MM-dd") }));

    public static async Task<JsonElement> OkAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public async Task<JsonElement> SearchAsync(HttpClient client, string query) =>
        await OkAsync(await client.GetAsync("/api/place-names?" + query));

    public static IReadOnlyList<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!).ToList();

    /// <summary>The hit for <paramref name="id"/> in a page of search results (fails when absent).</summary>
    public static JsonElement Hit(JsonElement page, string id) =>
        Assert.Single(page.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id);

    /// <summary>Which name of the hit matched the search text and as what: "name|current|true".</summary>
    public static string Matched(JsonElement hit) =>
        $"{hit.GetProperty("matchedName").GetString()}|{hit.GetProperty("matchedAs").GetString()}|" +
        $"{hit.GetProperty("matchedCurrent").GetBoolean()}";
}
