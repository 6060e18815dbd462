using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Abstractions.Persons;

namespace Registry.Api.Tests.Marriages;

/// <summary>An office's day register and the divorce applications due to appear, over HTTP: fed by the marriage
/// records' writes, read from one office's partitions; a registrar reads their own office only.</summary>
[Collection(MarriageApiCollection.Name)]
public sealed class OfficeRegisterTests(MarriageApiFixture fixture)
{
    private static async Task<JsonElement> JsonOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode,
            $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    [Fact]
    public async Task Register_ListsTheDaysRegistrationsAndReplacementsOfTheOfficeOnly()
    {
        var office = MarriageApiFixture.NextOffice();
        var other = MarriageApiFixture.NextOffice();
        var registrar = fixture.RegistrarAt(office);
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var married = await JsonOf(await registrar.PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(man, woman, office)), HttpStatusCode.Created);
        var id = married.GetProperty("marriageId").GetString();
        var replaced = await JsonOf(await registrar.PostAsJsonAsync($"/api/marriages/{id}/certificate-replacements",
            new { party = man, office }), HttpStatusCode.Created);
        await JsonOf(await fixture.RegistrarAt(other).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(MarriageApiFixture.Man(), MarriageApiFixture.Woman(), other)),
            HttpStatusCode.Created);
        var today = fixture.Api.Today.ToString("yyyy-MM-dd");

        var register = await JsonOf(await registrar.GetAsync($"/api/marriage-offices/{office}/register?date={today}"),
            HttpStatusCode.OK);
        var byAdmin = await JsonOf(await fixture.Api.ClientAs("auditor", "admin")
            .GetAsync($"/api/marriage-offices/{office}/register"), HttpStatusCode.OK);
        var yesterday = await JsonOf(await registrar.GetAsync(
            $"/api/marriage-offices/{office}/register?date={fixture.Api.Today.AddDays(-1):yyyy-MM-dd}"),
            HttpStatusCode.OK);

        Assert.Equal(
            [
                ("registration", married.GetProperty("certificateNumber").GetString()),
                ("certificate-replacement", replaced.GetProperty("number").GetString()),
            ],
            register.GetProperty("entries").EnumerateArray().Select(e =>
                (e.GetProperty("kind").GetString(), e.GetProperty("certificateNumber").GetString())));
        var first = register.GetProperty("entries")[0];
        Assert.Equal((id, ResidentIdNumber.Mask(man)),
            (first.GetProperty("marriageId").GetString(), first.GetProperty("partyA").GetString()));
        Assert.Equal(register.GetRawText(), byAdmin.GetRawText());
        Assert.Equal(0, yesterday.GetProperty("entries").GetArrayLength());
    }

    [Fact]
    public async Task Register_OfAnotherOffice_Is403AndBadDateIs400()
    {
        var office = MarriageApiFixture.NextOffice();

        await Problems.AssertProblemAsync(await fixture.RegistrarAt(MarriageApiFixture.NextOffice())
            .GetAsync($"/api/marriage-offices/{office}/register"), HttpStatusCode.Forbidden, "office-jurisdiction");
        await Problems.AssertProblemAsync(await fixture.RegistrarAt(office)
            .GetAsync($"/api/marriage-offices/{office}/due-divorce-applications?date=2026-13-01"),
            HttpStatusCode.BadRequest, "date-format");
        Assert.Equal(HttpStatusCode.Forbidden, (await fixture.Api.ClientAs("gis-1", "gis")
            .GetAsync($"/api/marriage-offices/{office}/register")).StatusCode);
    }

    [Fact]
    public async Task DueApplications_ListedOnlyWhileTheWindowToAppearIsOpen()
    {
        var office = MarriageApiFixture.NextOffice();
        var registrar = fixture.RegistrarAt(office);
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var married = await JsonOf(await registrar.PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(man, woman, office)), HttpStatusCode.Created);
        var receipt = await JsonOf(await registrar.PostAsJsonAsync("/api/divorce-applications",
            MarriageApiFixture.DivorceApplication(married.GetProperty("marriageId").GetString(), office, man, woman)),
            HttpStatusCode.Created);
        var coolingOffEnds = DateOnly.Parse(receipt.GetProperty("coolingOffEnds").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture);
        var lastDay = receipt.GetProperty("lastDayToAppear").GetString()!;
        var last = DateOnly.Parse(lastDay, System.Globalization.CultureInfo.InvariantCulture);

        async Task<List<string?>> DueOn(DateOnly day) =>
            (await JsonOf(await registrar.GetAsync(
                    $"/api/marriage-offices/{office}/due-divorce-applications?date={day:yyyy-MM-dd}"), HttpStatusCode.OK))
                .GetProperty("applications").EnumerateArray()
                .Select(a => a.GetProperty("applicationId").GetString()).ToList();

        var application = receipt.GetProperty("applicationId").GetString();
        Assert.Empty(await DueOn(coolingOffEnds));
        Assert.Equal([application], await DueOn(coolingOffEnds.AddDays(1)));
        Assert.Equal([application], await DueOn(last));
        Assert.Empty(await DueOn(last.AddDays(1)));
        var due = (await JsonOf(await registrar.GetAsync(
                $"/api/marriage-offices/{office}/due-divorce-applications?date={last:yyyy-MM-dd}"), HttpStatusCode.OK))
            .GetProperty("applications")[0];
        Assert.Equal(lastDay, due.GetProperty("lastDayToAppear").GetString());
    }
}
