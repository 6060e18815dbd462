using System.Net;
using System.Text.Json;

namespace Registry.Api.Tests;

/// <summary>Assertions on RFC 9457 problem responses.</summary>
public static class Problems
{
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status,
        string rule)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(rule, problem.GetProperty("rule").GetString());
        Assert.Equal("urn:registry:problem:" + rule, problem.GetProperty("type").GetString());
        Assert.DoesNotContain("   at ", body); // no stack traces
        return problem;
    }
}
