using System.Diagnostics;
using System.Text.RegularExpressions;
using Registry.Api.Tests.Hosting;

namespace Registry.Api.Tests.Browser;

/// <summary>
/// The installed <c>chromium</c> run headless as a real client of a page, driven over the Chrome DevTools Protocol
/// (its websocket; no driver package). Why the protocol rather than <c>--dump-dom</c>/<c>--screenshot</c>: a page that
/// loads its data with <c>fetch</c> is only done when it says so, which a one-shot dump cannot wait for (it would need
/// a guessed time budget); the protocol lets a test wait for a condition in the page, act on it (set a control,
/// click), read every console message, uncaught exception, CSP violation and HTTP status, and take a screenshot.
/// <para>Use: <c>await using var browser = await HeadlessChromium.LaunchAsync();</c>, then
/// <c>await using var page = await browser.OpenAsync(url);</c> and the <see cref="BrowserPage"/> methods. One browser
/// per test (class) is cheap enough: it starts in about a second. Not thread-safe: drive a page from one test.</para>
/// </summary>
public sealed partial class HeadlessChromium : IAsyncDisposable
{
    /// <summary>Viewport of every page (CSS pixels); screenshots have this size.</summary>
    public const int Width = 1280;

    public const int Height = 800;

    private readonly Process process;
    private readonly string profile;
    private readonly DevToolsConnection connection;

    private HeadlessChromium(Process process, string profile, DevToolsConnection connection)
    {
        this.process = process;
        this.profile = profile;
        this.connection = connection;
    }

    /// <summary>Starts <c>chromium --headless</c> with a fresh profile and connects to it.</summary>
    /// <param name="startWithin">How long the browser may take to open its DevTools endpoint; 30 s when null.</param>
    public static async Task<HeadlessChromium> LaunchAsync(TimeSpan? startWithin = null)
    {
        var profile = Path.Combine(Path.GetTempPath(), "registry-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(await Tools.FindOrInstallAsync("chromium", "chromium", "chromium-browser", "google-chrome"))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[]
                 {
                     "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
                     "--disable-extensions", "--disable-background-networking", "--disable-component-update",
                     "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
                     // The sandbox needs user namespaces, which root in a container does not get.
                     "--no-sandbox",
                     $"--user-data-dir={profile}", "--remote-debugging-port=0", "--remote-debugging-address=127.0.0.1",
                     $"--window-size={Width},{Height}", "about:blank",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        var endpoint = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                endpoint.TrySetException(new InvalidOperationException(
                    "chromium ended before it opened DevTools:\n" + string.Join('\n', output)));
                return;
            }

            output.Enqueue(e.Data);
            if (ListeningLine().Match(e.Data) is { Success: true } match)
            {
                endpoint.TrySetResult(new Uri(match.Groups[1].Value));
            }
        };
        process.OutputDataReceived += (_, e) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var address = await endpoint.Task.WaitAsync(startWithin ?? TimeSpan.FromSeconds(30));
            var connection = await DevToolsConnection.ConnectAsync(address, CancellationToken.None);
            return new HeadlessChromium(process, profile, connection);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Opens a new tab on <paramref name="url"/> and answers when its load event has fired (the page's own
    /// requests may still be running: wait for what the page shows with <see cref="BrowserPage.WaitForAsync"/>).</summary>
    public Task<BrowserPage> OpenAsync(Uri url, TimeSpan? loadWithin = null) =>
        BrowserPage.OpenAsync(connection, url, loadWithin ?? TimeSpan.FromSeconds(30));

    /// <summary>
    /// Where browser tests keep their files (screenshots): <c>TestResults/browser</c> in the test project's directory
    /// (beside the results <c>dotnet test</c> writes there), or the directory <c>REGISTRY_TEST_RESULTS</c> names.
    /// </summary>
    public static string ResultsDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("REGISTRY_TEST_RESULTS");
        var directory = string.IsNullOrEmpty(configured)
            ? Path.Combine(ProjectDirectory(), "TestResults", "browser")
            : Path.Combine(configured, "browser");
        Directory.CreateDirectory(directory);
        return directory;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await connection.SendAsync("Browser.close").WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // already gone; killed below
        }

        await connection.DisposeAsync();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
        process.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // a file the browser still held; the temporary directory is cleaned by the system
        }
    }

    private static string ProjectDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && directory.GetFiles("*.Tests.csproj").Length == 0)
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? AppContext.BaseDirectory;
    }

    [GeneratedRegex(@"DevTools listening on (ws://\S+)")]
    private static partial Regex ListeningLine();
}
