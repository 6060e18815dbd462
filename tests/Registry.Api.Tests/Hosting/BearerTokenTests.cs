using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Registry.Api.Tests.Hosting;

/// <summary>Only tokens signed with a configured key are accepted, also once the keys have been read and
/// cached.</summary>
[Collection(ApiCollection.Name)]
public sealed class BearerTokenTests(ApiFixture fixture)
{
    private async Task<HttpResponseMessage> ReadAccessLogWithAsync(string token)
    {
        using var client = fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.GetAsync("/api/access-log");
    }

    [Fact]
    public async Task TokenSignedWithAnotherKey_Is401_BeforeAndAfterAGoodOne()
    {
        var forged = RegistryApiFactory.Token(["admin"],
            signingKey: Encoding.UTF8.GetBytes("not-the-registry-signing-key-32+bytes!"));
        var good = RegistryApiFactory.Token(["admin"]);

        var before = await ReadAccessLogWithAsync(forged);
        var accepted = await ReadAccessLogWithAsync(good);
        var after = await ReadAccessLogWithAsync(forged);

        await Problems.AssertProblemAsync(before, HttpStatusCode.Unauthorized, "authentication-required");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await Problems.AssertProblemAsync(after, HttpStatusCode.Unauthorized, "authentication-required");
    }
}
