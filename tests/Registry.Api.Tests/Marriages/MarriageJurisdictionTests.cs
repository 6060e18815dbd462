using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Api.Tests.Offices;

namespace Registry.Api.Tests.Marriages;

/// <summary>
/// Marriage and divorce happen at the registrar's own office: every write of the marriage registry by a registrar of
/// the office (passes), of the office above it (refused), of another office (refused) and without the claim (refused).
/// A court judgment is entered by any office.
/// </summary>
[Collection(MarriageApiCollection.Name)]
public sealed class MarriageJurisdictionTests(MarriageApiFixture fixture)
{
    private const string Office = OfficeMatrix.Dongcheng;

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var operation in new[]
                 {
                     "register", "replace-certificate", "apply-for-divorce", "withdraw", "register-divorce",
                     "record-extract", "judgment",
                 })
        {
            foreach (var @case in OfficeMatrix.Cases)
            {
                data.Add(operation, @case);
            }
        }

        return data;
    }

    private HttpClient Caller(string @case) => @case switch
    {
        "own" => fixture.RegistrarAt(Office),
        "above" => fixture.RegistrarAt(OfficeMatrix.BeijingCity),
        "other" => fixture.RegistrarAt(OfficeMatrix.Tianhe),
        _ => fixture.Api.CreateClientWithToken(RegistryApiFactory.Token(["registrar.marriage"], office: null)),
    };

    private async Task<(string Id, string Man, string Woman)> MarriedAtOfficeAsync()
    {
        var (man, woman) = (MarriageApiFixture.Man(), MarriageApiFixture.Woman());
        var response = await fixture.RegistrarAt(Office).PostAsJsonAsync("/api/marriages",
            MarriageApiFixture.Registration(man, woman, Office));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (JsonDocument.Parse(body).RootElement.GetProperty("marriageId").GetString()!, man, woman);
    }

    private async Task<string> ApplicationAtOfficeAsync((string Id, string Man, string Woman) married)
    {
        var response = await fixture.RegistrarAt(Office).PostAsJsonAsync("/api/divorce-applications",
            MarriageApiFixture.DivorceApplication(married.Id, Office, married.Man, married.Woman));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("applicationId").GetString()!;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Write_ByOwnAboveOtherOfficeOrNoClaim_OnlyTheOwnOfficeActs(string operation, string @case)
    {
        var caller = Caller(@case);
        var expected = operation == "judgment" ? "any-office" : "own-office";
        var (response, success) = operation switch
        {
            "register" => (await caller.PostAsJsonAsync("/api/marriages", MarriageApiFixture.Registration(
                MarriageApiFixture.Man(), MarriageApiFixture.Woman(), Office)), HttpStatusCode.Created),
            "replace-certificate" => await ReplaceAsync(caller),
            "apply-for-divorce" => (await caller.PostAsJsonAsync("/api/divorce-applications",
                await DivorceApplicationAsync()), HttpStatusCode.Created),
            "withdraw" => await WithdrawAsync(caller),
            "register-divorce" => await RegisterDivorceAsync(caller),
            "record-extract" => (await caller.PostAsJsonAsync(
                $"/api/persons/{MarriageApiFixture.Woman()}/marriage-record-extracts", new { office = Office }),
                HttpStatusCode.Created),
            _ => await JudgmentAsync(caller),
        };

        switch (@case, expected)
        {
            case ("own", _):
            case ("above" or "other", "any-office"):
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == success, $"{operation} by {@case}: {(int)response.StatusCode} {body}");
                break;
            case ("no-claim", _):
                await OfficeMatrix.AssertClaimMissingAsync(response);
                break;
            default:
                await OfficeMatrix.AssertOutsideAsync(response);
                break;
        }
    }

    [Fact]
    public async Task RegisterMarriage_OfficeOmitted_IsRegisteredAtTheTokensOffice()
    {
        var request = MarriageApiFixture.Registration(MarriageApiFixture.Man(), MarriageApiFixture.Woman(), Office);
        var withoutOffice = JsonSerializer.SerializeToNode(request)!.AsObject();
        withoutOffice.Remove("office");

        var response = await fixture.RegistrarAt(Office).PostAsJsonAsync("/api/marriages", withoutOffice);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        Assert.StartsWith($"J{Office}-", JsonDocument.Parse(body).RootElement.GetProperty("certificateNumber").GetString(),
            StringComparison.Ordinal);
    }

    private async Task<(HttpResponseMessage, HttpStatusCode)> ReplaceAsync(HttpClient caller)
    {
        var (id, man, _) = await MarriedAtOfficeAsync();
        return (await caller.PostAsJsonAsync($"/api/marriages/{id}/certificate-replacements",
            new { party = man, office = Office }), HttpStatusCode.Created);
    }

    private async Task<(HttpResponseMessage, HttpStatusCode)> WithdrawAsync(HttpClient caller)
    {
        var married = await MarriedAtOfficeAsync();
        var (application, man) = (await ApplicationAtOfficeAsync(married), married.Man);
        return (await caller.PostAsJsonAsync($"/api/divorce-applications/{application}/withdrawal",
            new { party = man, reason = "和好" }), HttpStatusCode.OK);
    }

    private async Task<(HttpResponseMessage, HttpStatusCode)> RegisterDivorceAsync(HttpClient caller)
    {
        var married = await MarriedAtOfficeAsync();
        var application = await ApplicationAtOfficeAsync(married);
        // Still in cooling-off: the own office reaches the marriage rule (422), the others are stopped before it.
        return (await caller.PostAsJsonAsync($"/api/divorce-applications/{application}/registration",
            MarriageApiFixture.DivorceRegistration(Office, married.Man, married.Woman)),
            HttpStatusCode.UnprocessableEntity);
    }

    private async Task<object> DivorceApplicationAsync()
    {
        var (id, man, woman) = await MarriedAtOfficeAsync();
        return MarriageApiFixture.DivorceApplication(id, Office, man, woman);
    }

    private async Task<(HttpResponseMessage, HttpStatusCode)> JudgmentAsync(HttpClient caller)
    {
        var (id, man, _) = await MarriedAtOfficeAsync();
        return (await caller.PostAsJsonAsync($"/api/marriages/{id}/judgments", new
        {
            kind = "annulment", court = "某市中级人民法院", reference = $"(2026)民终{man[^4..]}号",
            judgmentDate = fixture.Api.Today.ToString("yyyy-MM-dd"), reason = "重婚 (test)",
        }), HttpStatusCode.Created);
    }
}
