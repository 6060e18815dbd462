using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Registry.Api.Tests.Offices;

namespace Registry.Api.Tests.Places;

/// <summary>
/// A place-name registrar acts for names within their division: every write on the name of a township by a registrar
/// of the township, of its county above it, of another county and without the claim.
/// </summary>
[Collection(PlaceApiCollection.Name)]
public sealed class PlaceNameJurisdictionTests(PlaceApiFixture fixture)
{
    private const string Category = "administrative-division";
    private static int next = 200;

    private readonly PlaceNameClient api = new(fixture.Factory);

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var operation in new[] { "propose", "approval", "announcement", "renames", "abolition", "rejection", "changes/1/approval", "house-numbers", "signs" })
        {
            foreach (var @case in OfficeMatrix.Cases)
            {
                data.Add(operation, @case);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Write_ByOwnAboveOtherOfficeOrNoClaim_OnlyOwnAndAboveAct(string operation, string @case)
    {
        var township = PlaceTestData.Township(Interlocked.Increment(ref next));
        var other = township.County.StartsWith("44", StringComparison.Ordinal) ? OfficeMatrix.Dongcheng : OfficeMatrix.Tianhe;
        var caller = fixture.Factory.ClientAt(@case switch
        {
            "own" => township.Code,
            "above" => township.County,
            "other" => other,
            _ => null,
        }, PlaceNameClient.RegistrarRole);
        HttpResponseMessage response;
        if (operation == "propose")
        {
            response = await caller.PostAsJsonAsync("/api/place-names", new JsonObject
            {
                ["name"] = township.Name,
                ["romanization"] = await api.SpellingAsync(township.Name, Category),
                ["category"] = Category,
                ["divisionCode"] = township.Code,
                ["geometry"] = PlaceTestData.ChinesePoint(0),
            });
            if (@case is "own" or "above")
            {
                Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            }
        }
        else
        {
            var id = (await api.ProposedAsync(township.Name, Category, township.Code, PlaceTestData.ChinesePoint(0)))
                .GetProperty("id").GetString();
            response = operation == "approval"
                ? await caller.PostAsJsonAsync($"/api/place-names/{id}/approval",
                    new { authority = "县人民政府", date = api.Today.ToString("yyyy-MM-dd") })
                : await caller.PostAsJsonAsync($"/api/place-names/{id}/{operation}", new JsonObject());
            if (operation == "approval" && @case is "own" or "above")
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            }
        }

        await OfficeMatrix.AssertWithinAsync(@case, response, $"{operation} by {@case}");
    }
}
