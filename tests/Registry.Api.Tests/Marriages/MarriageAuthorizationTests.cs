using System.Net;
using System.Net.Http.Json;

namespace Registry.Api.Tests.Marriages;

/// <summary>Marriage and person data are for the marriage registrars only; the access log is for admins only.</summary>
[Collection(MarriageApiCollection.Name)]
public sealed class MarriageAuthorizationTests(MarriageApiFixture fixture)
{
    private static readonly string Marriage = new('a', 32);
    private static readonly string Person = MarriageApiFixture.Woman();

    public static TheoryData<string, string> RegistrarEndpoints() => new()
    {
        { "POST", "/api/marriages" },
        { "GET", $"/api/marriages/{Marriage}" },
        { "POST", $"/api/marriages/{Marriage}/certificate-replacements" },
        { "POST", $"/api/marriages/{Marriage}/judgments" },
        { "POST", "/api/divorce-applications" },
        { "GET", $"/api/divorce-applications/{Marriage}-1" },
        { "POST", $"/api/divorce-applications/{Marriage}-1/withdrawal" },
        { "POST", $"/api/divorce-applications/{Marriage}-1/registration" },
        { "GET", $"/api/persons/{Person}/marital-status" },
        { "GET", $"/api/persons/{Person}/history" },
        { "POST", $"/api/persons/{Person}/marriage-record-extracts" },
        { "GET", "/api/marriage-record-extracts/Z110101-2026-000001" },
    };

    private static HttpRequestMessage Request(string method, string path) =>
        new(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { }) : null };

    [Theory]
    [MemberData(nameof(RegistrarEndpoints))]
    public async Task RegistrarEndpoint_Anonymous_Is401(string method, string path)
    {
        var response = await fixture.Api.ClientAs("nobody").SendAsync(Request(method, path));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "authentication-required");
    }

    [Theory]
    [MemberData(nameof(RegistrarEndpoints))]
    public async Task RegistrarEndpoint_EveryOtherRole_Is403(string method, string path)
    {
        var others = new[] { "admin", "registrar.organizations", "registrar.places", "registrar.boundaries", "gis",
            "organization" };
        foreach (var role in others)
        {
            var response = await fixture.Api.ClientAs("someone", role).SendAsync(Request(method, path));

            await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden, "role-required");
        }
    }

    [Fact]
    public async Task AccessLog_IsForAdminsOnly()
    {
        await Problems.AssertProblemAsync(await fixture.Api.ClientAs("nobody").GetAsync("/api/access-log"),
            HttpStatusCode.Unauthorized, "authentication-required");
        await Problems.AssertProblemAsync(await fixture.Registrar.GetAsync("/api/access-log"),
            HttpStatusCode.Forbidden, "role-required");
        var admin = fixture.Api.ClientAs("auditor", "admin");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/access-log")).StatusCode);
    }
}
