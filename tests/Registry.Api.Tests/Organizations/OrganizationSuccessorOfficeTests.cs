using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Registry.Abstractions.Organizations;
using Registry.Grains.Tests.Divisions;
using Registry.Grains.Tests.Organizations;

namespace Registry.Api.Tests.Organizations;

/// <summary>
/// Whose registrar acts for an organization whose registering office's division has ended: the office holding the
/// old office's records by the division history (the successor of a recoding), never the ended office itself; while
/// no successor is recorded, the office above. The county is a real recoding between two shipped editions (the old
/// code listed in one and gone from the next, the new code listed in the next under the same prefecture); only the
/// effective day inside that interval is chosen here.
/// </summary>
[Collection(OrganizationApiCollection.Name)]
public sealed class OrganizationSuccessorOfficeTests(OrganizationApiFixture fixture)
{
    private OrganizationApi Api => fixture.Api;

    [Fact]
    public async Task RecodedOffice_SuccessorsRegistrarActsForItsOrganizations_TheEndedOfficesRegistrarDoesNot()
    {
        var county = EditionChanges.RecodedCounties.First(c => c.Listed > EditionChanges.Earliest.CutOff);
        var serial = TestCodes.NextSerial();
        var uscc = TestCodes.Uscc(OrganizationKind.SocialAssociation, county.Old, serial);
        var csv = "code,name,kind,office,registeredOn,legalRepresentative,status,grade\n" +
            $"{uscc},{county.OldName}书法家协会{serial},社会团体,{county.Old},{county.Listed:yyyy-MM-dd},林一,正常,\n";
        var imported = await Api.Registrar().PostAsync("/api/organizations/imports?source=register.csv&wait=true",
            new StringContent(csv, Encoding.UTF8, "text/csv"));
        var job = JsonDocument.Parse(await imported.Content.ReadAsStringAsync()).RootElement;
        Assert.True(job.GetProperty("imported").GetInt64() == 1, job.GetRawText());

        // Only the editions know the county ended: no successor is recorded, so the prefecture holds its records.
        await AssertRefusedAsync(county.New, uscc);
        await AssertRefusedAsync(county.Old, uscc);
        await AssertActsAsync(county.Parent, uscc);

        var recoded = await Api.WithRoles("admin").PostAsJsonAsync($"/api/divisions/{county.Old}/recodings", new
        {
            newCode = county.New,
            effectiveDate = county.Listed.AddDays(30).ToString("yyyy-MM-dd"),
            reason = "国务院批复撤县设区 (test: the recoding the editions show)",
        });
        Assert.True(recoded.StatusCode == HttpStatusCode.Created, await recoded.Content.ReadAsStringAsync());

        await AssertActsAsync(county.New, uscc);
        var refused = await AssertRefusedAsync(county.Old, uscc);
        Assert.Contains($"office {county.New} holds its records now", refused, StringComparison.Ordinal);
        await AssertActsAsync(county.Parent, uscc);
        await AssertRefusedAsync(TestCodes.Counties.First(c => c[..4] != county.Parent[..4]), uscc);

        // The record keeps the office that registered it (positions 3-8 of its code name that office).
        var record = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{uscc}");
        Assert.Equal(county.Old, record.GetProperty("registeringOffice").GetString());
    }

    private static object Change() => new
    {
        legalRepresentative = "林" + string.Concat($"{TestCodes.NextSerial()}".Select(d => "零一二三四五六七八九"[d - '0'])),
        reason = "理事会选举新的法定代表人",
    };

    private async Task AssertActsAsync(string office, string uscc)
    {
        var response = await Api.RegistrarAt(office).PostAsJsonAsync($"/api/organizations/{uscc}/changes", Change());
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"registrar of {office}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<string> AssertRefusedAsync(string office, string uscc)
    {
        var response = await Api.RegistrarAt(office).PostAsJsonAsync($"/api/organizations/{uscc}/changes", Change());
        var body = await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden, "office-jurisdiction");
        return body.GetRawText();
    }
}
