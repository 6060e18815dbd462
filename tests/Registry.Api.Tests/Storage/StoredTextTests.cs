using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Api.Tests.Storage;

/// <summary>Text no backend can store is the client's error, whatever the backend: 400, nothing changed.</summary>
[Collection(ApiCollection.Name)]
public sealed class StoredTextTests(ApiFixture fixture)
{
    [Fact]
    public async Task Rename_ReasonWithNulCharacter_Is400AndChangesNothing()
    {
        var admin = fixture.Factory.ClientWithRoles("admin");
        var children = JsonDocument.Parse(await admin.GetStringAsync("/api/divisions/110105/children")).RootElement;
        var code = children[0].GetProperty("code").GetString()!;
        var before = await admin.GetStringAsync($"/api/divisions/{code}/history");

        var response = await admin.PostAsJsonAsync($"/api/divisions/{code}/renames", new
        {
            name = children[0].GetProperty("name").GetString() + "（新）",
            effectiveDate = fixture.Factory.Today.ToString("yyyy-MM-dd"),
            reason = "批复\u0000文号",
        });

        // Refused by the text policy at the edge, before any grain runs (the storage layer keeps its own check).
        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "text-forbidden-character");
        Assert.Equal(before, await admin.GetStringAsync($"/api/divisions/{code}/history"));
    }
}
