using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Registry.Abstractions.Divisions;

namespace Registry.Api.Tests.Hosting;

/// <summary>
/// The API with <c>ASPNETCORE_ENVIRONMENT=Production</c> against a real (test) OpenID Connect authority, with the
/// development signing key still in its configuration as if left behind by <c>dotnet user-jwts</c>.
/// </summary>
public sealed class ProductionModeFixture : IAsyncLifetime
{
    private readonly ApiFixture api = new();

    public TestAuthority Authority { get; private set; } = null!;

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Authority = await TestAuthority.StartAsync();
        await api.InitializeAsync();
        Factory = api.Factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.UseSetting(Api.Hosting.ProductionHosting.AuthorityKey, Authority.Address);
            builder.UseSetting("Authentication:Schemes:Bearer:RequireHttpsMetadata", "false");
        });
        _ = Factory.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await api.DisposeAsync();
        await Authority.DisposeAsync();
    }
}

public sealed class ProductionModeTests(ProductionModeFixture fixture) : IClassFixture<ProductionModeFixture>
{
    private HttpClient Client(string? token = null, string address = "http://localhost")
    {
        var client = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new(address) });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    [Fact]
    public async Task Start_WithoutAnAuthority_FailsNamingTheConfigurationKey()
    {
        var directory = Path.Combine(Path.GetTempPath(), "registry-prod-" + Guid.NewGuid().ToString("N"));
        await using var factory = new RegistryApiFactory(directory).WithWebHostBuilder(builder =>
            builder.UseEnvironment("Production"));

        var failure = Record.Exception(() => factory.Server);

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        Assert.NotNull(failure);
        Assert.Contains("Authentication:Schemes:Bearer:Authority", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tokens_OfTheAuthorityAreAccepted_DevelopmentSignedOnesAreNot()
    {
        var fromAuthority = fixture.Authority.Token("registry", ["admin"], new Dictionary<string, string>
        {
            [Jurisdiction.OfficeClaim] = Jurisdiction.NationalOffice,
        });
        var development = RegistryApiFactory.Token(["admin"]);

        var accepted = await Client(fromAuthority).GetAsync("/api/access-log");
        var refused = await Client(development).GetAsync("/api/access-log");

        Assert.True(accepted.StatusCode == HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        await Problems.AssertProblemAsync(refused, HttpStatusCode.Unauthorized, "authentication-required");
    }

    [Fact]
    public async Task Swagger_IsOffUnlessConfiguredOn()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync("/swagger/v1/swagger.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client().GetAsync("/swagger/index.html")).StatusCode);

        var directory = Path.Combine(Path.GetTempPath(), "registry-prod-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var on = new RegistryApiFactory(directory).WithWebHostBuilder(builder =>
            {
                builder.UseEnvironment("Production");
                builder.UseSetting(Api.Hosting.ProductionHosting.AuthorityKey, fixture.Authority.Address);
                builder.UseSetting("Authentication:Schemes:Bearer:RequireHttpsMetadata", "false");
                builder.UseSetting(Api.Hosting.ProductionHosting.SwaggerKey, "true");
            });
            Assert.Equal(HttpStatusCode.OK, (await on.CreateClient().GetAsync("/swagger/v1/swagger.json")).StatusCode);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task PersonalAndNonPublicAnswers_AreNoStore_PublicOnesAreNot()
    {
        var admin = fixture.Authority.Token("registry", ["admin"], new Dictionary<string, string>
        {
            [Jurisdiction.OfficeClaim] = Jurisdiction.NationalOffice,
        });

        var accessLog = await Client(admin).GetAsync("/api/access-log");
        var refused = await Client().GetAsync("/api/access-log");
        var publicRead = await Client().GetAsync("/api/divisions/110101");

        Assert.Equal(HttpStatusCode.OK, accessLog.StatusCode);
        Assert.True(accessLog.Headers.CacheControl?.NoStore);
        Assert.True(refused.Headers.CacheControl?.NoStore);
        Assert.NotEqual(true, publicRead.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task Answers_CarrySecurityHeaders_AndHstsOverHttpsOnly()
    {
        var plain = await Client().GetAsync("/api/divisions/110101");
        var secure = await Client(address: "https://registry.example").GetAsync("/api/divisions/110101");

        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal("nosniff", plain.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("frame-ancestors 'none'", plain.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", plain.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.StartsWith("max-age=31536000", secure.Headers.GetValues("Strict-Transport-Security").Single(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task MapPage_InProduction_IsServedWithItsOwnContentSecurityPolicy()
    {
        var page = await Client().GetAsync(Registry.Api.Map.MapPage.Route);
        var script = await Client().GetAsync(Registry.Api.Map.MapPage.Route + "/vendor/leaflet/leaflet.js");
        var missing = await Client().GetAsync(Registry.Api.Map.MapPage.Route + "/vendor/leaflet/absent.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Registry.Api.Hosting.EmbeddedPage.ContentSecurityPolicy,
            page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.StartsWith("/* @preserve\n * Leaflet 1.9.4,", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Problems.AssertProblemAsync(missing, HttpStatusCode.NotFound, "map-file-not-found");
    }
}
