using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Registry.Benchmarks.Spatial;

/// <summary>
/// The reference ceiling: a trivial ASP.NET Core minimal-API endpoint answering a small JSON object, on Kestrel with
/// the framework's defaults (the TechEmpower "json" shape), hosted in this process on 127.0.0.1.
/// </summary>
internal sealed class TrivialJsonServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private TrivialJsonServer(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<TrivialJsonServer> StartAsync()
    {
        var url = $"http://127.0.0.1:{Processes.FreePort()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        var app = builder.Build();
        app.MapGet("/json", () => new { message = "Hello, World!" });
        await app.StartAsync();
        return new TrivialJsonServer(app, url);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
