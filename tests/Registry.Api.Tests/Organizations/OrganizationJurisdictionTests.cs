using System.Net;
using System.Net.Http.Json;
using Registry.Api.Tests.Offices;

namespace Registry.Api.Tests.Organizations;

/// <summary>
/// An organization registrar acts for organizations registered by their office or an office under it: every registrar
/// write on an organization of 东城区 by a registrar of 东城区, of 北京市 above it, of 天河区 and without the claim.
/// </summary>
[Collection(OrganizationApiCollection.Name)]
public sealed class OrganizationJurisdictionTests(OrganizationApiFixture fixture)
{
    private OrganizationApi Api => fixture.Api;

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var operation in new[]
                 {
                     "register", "changes", "deregistration", "annual-reports", "corrections", "inspection",
                     "abnormal-listings", "list-removals", "grades", "penalties", "dishonest-listings",
                 })
        {
            foreach (var @case in OfficeMatrix.Cases)
            {
                data.Add(operation, @case);
            }
        }

        return data;
    }

    private HttpClient Caller(string @case) => Api.RegistrarAt(@case switch
    {
        "own" => OfficeMatrix.Dongcheng,
        "above" => OfficeMatrix.Beijing,
        "other" => OfficeMatrix.Tianhe,
        _ => null,
    });

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task RegistrarWrite_ByOwnAboveOtherOfficeOrNoClaim_OnlyOwnAndAboveAct(string operation, string @case)
    {
        var caller = Caller(@case);
        var year = fixture.OpenReportYear;
        HttpResponseMessage response;
        if (operation == "register")
        {
            response = await caller.PostAsJsonAsync("/api/organizations",
                OrganizationApi.Registration(office: OfficeMatrix.Dongcheng));
            if (@case is "own" or "above")
            {
                Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            }
        }
        else
        {
            var uscc = await Api.RegisterAsync(OrganizationApi.Registration(office: OfficeMatrix.Dongcheng));
            var path = operation switch
            {
                "corrections" => $"/api/organizations/{uscc}/annual-reports/{year}/corrections",
                "inspection" => $"/api/organizations/{uscc}/annual-reports/{year}/inspection",
                _ => $"/api/organizations/{uscc}/{operation}",
            };
            response = await caller.PostAsJsonAsync(path, operation == "annual-reports"
                ? OrganizationApi.Report(year)
                : new Dictionary<string, object?>());
            if (operation == "annual-reports" && @case is "own" or "above")
            {
                Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            }
        }

        await OfficeMatrix.AssertWithinAsync(@case, response, $"{operation} by {@case}");
    }

    [Fact]
    public async Task Change_ByAnotherOffice_ChangesNothing()
    {
        var registration = OrganizationApi.Registration(office: OfficeMatrix.Dongcheng);
        var uscc = await Api.RegisterAsync(registration);

        await OfficeMatrix.AssertOutsideAsync(await Caller("other").PostAsJsonAsync(
            $"/api/organizations/{uscc}/changes", new { name = "换了名字的促进会", reason = "test" }));

        var record = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{uscc}");
        Assert.Equal(registration["name"], record.GetProperty("name").GetString());
    }
}
