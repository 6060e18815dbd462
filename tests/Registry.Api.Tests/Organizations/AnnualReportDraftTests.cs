using System.Net;
using System.Net.Http.Json;

namespace Registry.Api.Tests.Organizations;

/// <summary>Drafts of the annual report (issue 20 part 1): saved and edited without submitting, seen only by the
/// organization (and its registrar), submitted with every filing check, removed once filed.</summary>
[Collection(OrganizationApiCollection.Name)]
public sealed class AnnualReportDraftTests(OrganizationApiFixture fixture)
{
    private OrganizationApi Api => fixture.Api;

    private string DraftPath(string uscc) => $"/api/organizations/{uscc}/annual-reports/{fixture.OpenReportYear}/draft";

    private static Dictionary<string, object?> WithoutYear(Dictionary<string, object?> report)
    {
        report.Remove("year");
        return report;
    }

    [Fact]
    public async Task Draft_SavedAndEditedWithoutSubmitting_IsPrivate_ThenSubmittedWithEveryCheck_AndRemoved()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());
        var organization = Api.ForOrganization(uscc);
        var marker = $"草稿活动{Registry.Grains.Tests.Organizations.TestCodes.NextSerial()}";

        var first = await organization.PutAsJsonAsync(DraftPath(uscc), new Dictionary<string, object?> { ["activities"] = marker });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var full = WithoutYear(OrganizationApi.Report(fixture.OpenReportYear));
        full.Remove("balanceSheet");
        full["activities"] = marker;
        var second = await organization.PutAsJsonAsync(DraftPath(uscc), full);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        var draft = await Api.GetJsonAsync(organization, DraftPath(uscc));
        Assert.Equal((2, marker), (draft.GetProperty("revision").GetInt32(),
            draft.GetProperty("form").GetProperty("activities").GetString()));
        Assert.DoesNotContain(marker, await Api.Anonymous().GetStringAsync($"/api/organizations/{uscc}"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.Anonymous().GetAsync(DraftPath(uscc))).StatusCode);
        var other = await Api.RegisterAsync(OrganizationApi.Registration());
        Assert.Equal(HttpStatusCode.Forbidden, (await Api.ForOrganization(other).GetAsync(DraftPath(uscc))).StatusCode);

        // Still incomplete: refused as a filing would be, and nothing is filed; the draft stays.
        var incomplete = await Problems.AssertProblemAsync(
            await organization.PostAsJsonAsync(DraftPath(uscc) + "/submission", new { }), HttpStatusCode.BadRequest,
            "field-required");
        Assert.True(incomplete.GetProperty("errors").TryGetProperty("balanceSheet", out _));
        Assert.Equal(0, (await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{uscc}")).GetProperty("annualReports").GetArrayLength());

        full["balanceSheet"] = OrganizationApi.Report(fixture.OpenReportYear)["balanceSheet"];
        Assert.Equal(HttpStatusCode.OK, (await organization.PutAsJsonAsync(DraftPath(uscc), full)).StatusCode);
        var submitted = await organization.PostAsJsonAsync(DraftPath(uscc) + "/submission", new { });
        Assert.True(submitted.StatusCode == HttpStatusCode.Created, await submitted.Content.ReadAsStringAsync());

        var report = await Api.GetJsonAsync(organization, $"/api/organizations/{uscc}/annual-reports/{fixture.OpenReportYear}");
        Assert.Equal(marker, report.GetProperty("versions")[0].GetProperty("activities").GetString());
        await Problems.AssertProblemAsync(await organization.GetAsync(DraftPath(uscc)), HttpStatusCode.NotFound,
            "annual-report-draft-not-found");
        await Problems.AssertProblemAsync(await organization.PutAsJsonAsync(DraftPath(uscc), full),
            HttpStatusCode.Conflict, "annual-report-already-filed");
    }

    [Fact]
    public async Task Submit_WithoutADraft_Is404()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());

        await Problems.AssertProblemAsync(
            await Api.ForOrganization(uscc).PostAsJsonAsync(DraftPath(uscc) + "/submission", new { }),
            HttpStatusCode.NotFound, "annual-report-draft-not-found");
    }
}
