using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Registry.Api.Tests;

[Collection(ApiCollection.Name)]
public sealed class ApiConventionsTests(ApiFixture fixture)
{
    [Fact]
    public async Task SwaggerDocument_DescribesEveryApiEndpoint()
    {
        var document = JsonDocument.Parse(
            await fixture.Factory.ClientWithRoles().GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet();

        var mapped = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(method => $"{method} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .ToList();

        Assert.NotEmpty(mapped);
        Assert.All(mapped, endpoint => Assert.Contains(endpoint, documented));
        Assert.True(document.GetProperty("components").GetProperty("securitySchemes").TryGetProperty("Bearer", out _));
    }

    [Fact]
    public void EveryWrite_IsCheckedAgainstTheCallersOffice_UnlessItIsAnAdminsNationalAct()
    {
        var writes = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .Where(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Any(method => method is "POST" or "PUT" or "PATCH" or "DELETE"))
            .ToList();

        var unguarded = writes
            .Where(e => e.Metadata.GetMetadata<Registry.Api.Hosting.OfficeJurisdictionRequired>() is null)
            .Where(e => !e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>()
                .Any(a => a.Policy == Registry.Api.Hosting.RegistryPolicies.Admin))
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods)} {e.RoutePattern.RawText}")
            .ToList();

        Assert.True(writes.Count > 40, $"only {writes.Count} writes found");
        Assert.True(unguarded.Count == 0, "writes without an office check: " + string.Join("; ", unguarded));
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        var response = await fixture.Factory.ClientWithRoles().GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger-ui", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_WhenSiloAndStorageAreUp_IsHealthy(string path)
    {
        var response = await fixture.Factory.ClientWithRoles().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownRoute_Is404Problem()
    {
        var response = await fixture.Factory.ClientWithRoles().GetAsync("/api/no-such-thing");

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound, "resource-not-found");
    }

    [Theory]
    [InlineData("/api/boundaries/inspections/%20")]
    [InlineData("/api/boundaries/imports/%09")]
    [InlineData("/api/divisions/%20/history")]
    public async Task BlankOrControlCharacterPathParameter_Is400Problem(string path)
    {
        var response = await fixture.Factory.ClientWithRoles("gis", "registrar.boundaries").GetAsync(path);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "path-parameter-invalid");
    }

    [Fact]
    public async Task ExpiredOrForgedToken_Is401Problem()
    {
        var client = fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", RegistryApiFactory.Token(["admin"]) + "x");

        var response = await client.PostAsync("/api/divisions/110101/renames", JsonContent.Create(new { }));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized, "authentication-required");
    }
}
