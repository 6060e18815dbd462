using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Registry.Api.Tests.Hosting;

/// <summary>An API of its own with the Orleans Dashboard switched on.</summary>
public sealed class TelemetryFixture : IAsyncLifetime
{
    private readonly ApiFixture api = new();

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await api.InitializeAsync();
        Factory = api.Factory.WithWebHostBuilder(builder =>
            builder.UseSetting(Api.Hosting.TelemetryHosting.DashboardKey, "true"));
        _ = Factory.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await api.DisposeAsync();
    }
}

public sealed class TelemetryTests(TelemetryFixture fixture) : IClassFixture<TelemetryFixture>
{
    private HttpClient Client(params string[] roles)
    {
        var client = fixture.Factory.CreateClient();
        if (roles.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization =
                new AuthenticationHeaderValue("Bearer", RegistryApiFactory.Token(roles));
        }

        return client;
    }

    /// <summary>The scrape once it shows every one of <paramref name="names"/> (a request's metrics are recorded as it
    /// ends, just after its client has the answer: scrape again, a bounded number of times, until they show).</summary>
    private async Task<string> ScrapeShowingAsync(params string[] names)
    {
        var client = Client();
        var text = "";
        for (var attempt = 0; attempt < 50 && !names.All(text.Contains); attempt++)
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            text = await response.Content.ReadAsStringAsync();
        }

        return text;
    }

    [Fact]
    public async Task Metrics_AfterTraffic_ExposeRequestGrainCallAndStorageMeters()
    {
        var client = Client();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/divisions/110101")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/divisions/440106/children")).StatusCode);
        }

        var text = await ScrapeShowingAsync("http_server_request_duration_seconds", "orleans_app_requests_latency",
            "registry_storage_operation_duration_seconds");

        Assert.Contains("http_server_request_duration_seconds_count{", text);
        Assert.Matches("http_server_request_duration_seconds_count\\{[^}]*http_route=\"/api/divisions/\\{code\\}\"", text);
        Assert.Contains("orleans_app_requests_latency", text);
        Assert.Contains("registry_storage_operation_duration_seconds", text);
    }

    [Fact]
    public async Task Dashboard_IsForAdminOnly()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client().GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Client("gis").GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await Client("registrar.boundaries").GetAsync("/dashboard")).StatusCode);
        // HttpClient drops the Authorization header on redirects: follow the dashboard's own redirect by hand.
        var admin = fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        admin.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Bearer", RegistryApiFactory.Token(["admin"]));
        var page = await admin.GetAsync("/dashboard");
        for (var hops = 0; hops < 3 && page.Headers.Location is { } next; hops++)
        {
            page = await admin.GetAsync(next);
        }

        Assert.True(page.StatusCode == HttpStatusCode.OK, $"{(int)page.StatusCode}");
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }
}
