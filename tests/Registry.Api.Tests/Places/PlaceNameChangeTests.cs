using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Api.Tests.Places;

/// <summary>
/// Renames and abolitions follow approval like a new name (proposed, approved, announced, or rejected with reasons)
/// and take effect on their effective date, which may be in the future: the name in force changes on that day by the
/// API's clock (the fixture's fake time), with no job run; the old name stays as history with its dates.
/// </summary>
[Collection(PlaceApiCollection.Name)]
public sealed class PlaceNameChangeTests(PlaceApiFixture fixture)
{
    private const string AdministrativeDivision = "administrative-division";

    private readonly PlaceNameClient api = new(fixture.Factory);

    private static string Names(JsonElement record) => string.Join(",", record.GetProperty("names").EnumerateArray()
        .Select(n => n.GetProperty("name").GetString()));

    [Fact]
    public async Task FutureRename_TakesEffectOnItsDate_OldNameStaysAsHistory()
    {
        var township = PlaceTestData.Township(90);
        var newName = PlaceTestData.Township(91).Name;
        var id = (await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(90)))
            .GetProperty("id").GetString()!;
        await api.AnnouncedAsync(id);
        var effective = api.Today.AddDays(10);

        var response = await api.Registrar.PostAsJsonAsync($"/api/place-names/{id}/renames", new
        {
            name = newName,
            romanization = await api.SpellingAsync(newName, AdministrativeDivision),
            effectiveDate = effective.ToString("yyyy-MM-dd"),
            reason = "更名批复 (test)",
        });
        var proposed = await PlaceNameClient.OkAsync(response, HttpStatusCode.Created);
        Assert.Equal($"/api/place-names/{id}/changes/1", response.Headers.Location?.OriginalString);
        Assert.Equal(township.Name, proposed.GetProperty("name").GetString());
        Assert.Equal("proposed", proposed.GetProperty("changes")[0].GetProperty("status").GetString());

        // Not public while proposed; approval alone does not change the name in force before its date.
        var anonymous = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names/{id}"));
        Assert.Equal(0, anonymous.GetProperty("changes").GetArrayLength());
        var approved = await api.ApprovedChangeAsync(id, 1);
        Assert.Equal(township.Name, approved.GetProperty("name").GetString());
        Assert.Equal($"{township.Name},{newName}", Names(approved));
        Assert.False(approved.GetProperty("changes")[0].GetProperty("inForce").GetBoolean());
        anonymous = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names/{id}"));
        Assert.Equal(township.Name, Names(anonymous));
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("names")[0].GetProperty("validTo").ValueKind);

        var announced = await PlaceNameClient.OkAsync(await api.Registrar.PostAsync($"/api/place-names/{id}/changes/1/announcement", null));
        Assert.Equal("announced", announced.GetProperty("changes")[0].GetProperty("status").GetString());
        anonymous = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names/{id}"));
        Assert.Equal($"{township.Name},{newName}", Names(anonymous));
        Assert.Equal(effective.ToString("yyyy-MM-dd"), anonymous.GetProperty("names")[0].GetProperty("validTo").GetString());

        var byNew = $"q={Uri.EscapeDataString(newName)}&division={township.County}";
        var byOld = $"q={Uri.EscapeDataString(township.Name)}&division={township.County}";
        Assert.DoesNotContain(id, PlaceNameClient.Ids(await api.SearchAsync(api.Anonymous, byNew)));
        Assert.Equal($"{township.Name}|current|True",
            PlaceNameClient.Matched(PlaceNameClient.Hit(await api.SearchAsync(api.Anonymous, byOld), id)));

        // The old name is still in force, so it is not free yet.
        await Problems.AssertProblemAsync(await api.ProposeAsync(township.Name,
                await api.SpellingAsync(township.Name, AdministrativeDivision), AdministrativeDivision, township.Code,
                PlaceTestData.ChinesePoint(92)), HttpStatusCode.Conflict, "place-name-duplicate");

        fixture.Factory.Time.Advance(TimeSpan.FromDays(10));
        Assert.Equal(effective, api.Today);
        var renamed = await PlaceNameClient.OkAsync(await api.Anonymous.GetAsync($"/api/place-names/{id}"));
        Assert.Equal(newName, renamed.GetProperty("name").GetString());
        Assert.True(renamed.GetProperty("changes")[0].GetProperty("inForce").GetBoolean());
        Assert.Equal($"{newName}|current|True",
            PlaceNameClient.Matched(PlaceNameClient.Hit(await api.SearchAsync(api.Anonymous, byNew), id)));
        // From its day the old name is a former name: still found (issue 15 part 6; before, only with
        // includeHistorical=true), and said to be former.
        Assert.Equal($"{township.Name}|former|False",
            PlaceNameClient.Matched(PlaceNameClient.Hit(await api.SearchAsync(api.Anonymous, byOld), id)));

        // On its day the old name is free again in its scope, without any job having run.
        await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(92));

        var history = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync($"/api/place-names/{id}/history"));
        Assert.Equal(["rename-proposed", "renamed", "change-announced"],
            history.EnumerateArray().TakeLast(3).Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal(effective.ToString("yyyy-MM-dd"), history.EnumerateArray().TakeLast(2).First().GetProperty("effectiveDate").GetString());
    }

    [Fact]
    public async Task Rename_RejectedWithReasons_NewNameFreeAndTheChangeClosed()
    {
        var township = PlaceTestData.Township(93);
        var newName = PlaceTestData.Township(94).Name;
        var id = (await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(93)))
            .GetProperty("id").GetString()!;
        await api.ApprovedAsync(id);
        await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync($"/api/place-names/{id}/renames", new
        {
            name = newName,
            romanization = await api.SpellingAsync(newName, AdministrativeDivision),
            effectiveDate = api.Today.AddDays(30).ToString("yyyy-MM-dd"),
            reason = "更名申请 (test)",
        }), HttpStatusCode.Created);

        // A second change waits until the first is decided.
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"/api/place-names/{id}/abolition",
            new { reason = "撤销 (test)" }), HttpStatusCode.UnprocessableEntity, "place-name-change-pending");
        // While proposed, the new name is held: the same name in the same scope is a duplicate.
        await Problems.AssertProblemAsync(await api.ProposeAsync(newName, await api.SpellingAsync(newName, AdministrativeDivision),
            AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(94)), HttpStatusCode.Conflict, "place-name-duplicate");

        var url = $"/api/place-names/{id}/changes";
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"{url}/1/rejection", new { reasons = " " }),
            HttpStatusCode.BadRequest, "field-required");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"{url}/x/rejection", new { reasons = "r" }),
            HttpStatusCode.BadRequest, "place-name-change-number");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"{url}/9/rejection", new { reasons = "r" }),
            HttpStatusCode.NotFound, "place-name-change-not-found");
        await Problems.AssertProblemAsync(await api.Registrar.PostAsync($"{url}/1/announcement", null),
            HttpStatusCode.UnprocessableEntity, "place-name-change-not-approved");

        var rejected = await PlaceNameClient.OkAsync(await api.Registrar.PostAsJsonAsync($"{url}/1/rejection",
            new { reasons = "不符合地名命名规则 (test)" }));
        var change = rejected.GetProperty("changes")[0];
        Assert.Equal("rejected", change.GetProperty("status").GetString());
        Assert.Equal("不符合地名命名规则 (test)", change.GetProperty("rejectionReasons").GetString());
        Assert.Equal(township.Name, rejected.GetProperty("name").GetString());
        Assert.Equal(township.Name, Names(rejected));
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"{url}/1/approval",
            new { authority = "市人民政府", date = api.Today.ToString("yyyy-MM-dd") }), HttpStatusCode.UnprocessableEntity, "place-name-change-status");

        await api.ProposedAsync(newName, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(94));
    }

    [Fact]
    public async Task FutureAbolition_NameStaysInForceUntilItsDate()
    {
        var township = PlaceTestData.Township(95);
        var id = (await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(95)))
            .GetProperty("id").GetString()!;
        await api.AnnouncedAsync(id);
        var effective = api.Today.AddDays(5);
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"/api/place-names/{id}/abolition",
            new { reason = "撤销 (test)", effectiveDate = api.Today.AddDays(-400).ToString("yyyy-MM-dd") }),
            HttpStatusCode.UnprocessableEntity, "abolition-effective-date");
        var approved = await api.AbolishedAsync(id, effective);
        Assert.Equal("announced", approved.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, approved.GetProperty("abolishedOn").ValueKind);
        var search = $"q={Uri.EscapeDataString(township.Name)}&division={township.County}";
        Assert.Contains(id, PlaceNameClient.Ids(await api.SearchAsync(api.Anonymous, search)));

        fixture.Factory.Time.Advance(TimeSpan.FromDays(5));
        var abolished = await PlaceNameClient.OkAsync(await api.Registrar.GetAsync($"/api/place-names/{id}"));
        Assert.Equal("abolished", abolished.GetProperty("status").GetString());
        Assert.Equal(effective.ToString("yyyy-MM-dd"), abolished.GetProperty("abolishedOn").GetString());
        Assert.DoesNotContain(id, PlaceNameClient.Ids(await api.SearchAsync(api.Registrar, search)));
        Assert.Contains(id, PlaceNameClient.Ids(await api.SearchAsync(api.Registrar, search + "&includeHistorical=true")));
        await Problems.AssertProblemAsync(await api.Registrar.PostAsJsonAsync($"/api/place-names/{id}/renames", new
        {
            name = PlaceTestData.Township(96).Name,
            romanization = await api.SpellingAsync(PlaceTestData.Township(96).Name, AdministrativeDivision),
            effectiveDate = api.Today.AddDays(1).ToString("yyyy-MM-dd"),
            reason = "r",
        }), HttpStatusCode.UnprocessableEntity, "place-name-status");
    }
}
