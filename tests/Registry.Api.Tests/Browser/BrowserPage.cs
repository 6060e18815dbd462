using System.Collections.Concurrent;
using System.Text.Json;

namespace Registry.Api.Tests.Browser;

/// <summary>
/// A tab of <see cref="HeadlessChromium"/>: evaluate script, wait for a condition in the page, click, take a
/// screenshot, and read what the page reported: console messages, errors (console.error, uncaught exceptions, failed
/// loads and Content-Security-Policy violations the browser logs) and the HTTP status of every response it received.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly DevToolsConnection connection;
    private readonly string targetId;
    private readonly string sessionId;
    private readonly ConcurrentQueue<string> console = new();
    private readonly ConcurrentQueue<string> errors = new();
    private readonly ConcurrentQueue<(string Url, int Status)> responses = new();
    private TaskCompletionSource loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private BrowserPage(DevToolsConnection connection, string targetId, string sessionId)
    {
        this.connection = connection;
        this.targetId = targetId;
        this.sessionId = sessionId;
    }

    /// <summary>Every console message, as "type: text".</summary>
    public IReadOnlyList<string> ConsoleMessages => console.ToArray();

    /// <summary>console.error calls, uncaught exceptions, and browser log entries of level error (a failed request,
    /// a resource refused by the Content-Security-Policy).</summary>
    public IReadOnlyList<string> Errors => errors.ToArray();

    /// <summary>Every HTTP response the page received (documents, scripts, fetches), in order.</summary>
    public IReadOnlyList<(string Url, int Status)> Responses => responses.ToArray();

    internal static async Task<BrowserPage> OpenAsync(DevToolsConnection connection, Uri url, TimeSpan loadWithin)
    {
        var target = await connection.SendAsync("Target.createTarget", new { url = "about:blank" });
        var targetId = target.GetProperty("targetId").GetString()!;
        var attached = await connection.SendAsync("Target.attachToTarget", new { targetId, flatten = true });
        var page = new BrowserPage(connection, targetId, attached.GetProperty("sessionId").GetString()!);
        connection.Listen(page.sessionId, page.OnEvent);
        foreach (var domain in new[] { "Page.enable", "Runtime.enable", "Log.enable", "Network.enable" })
        {
            await page.SendAsync(domain);
        }

        await page.SendAsync("Emulation.setDeviceMetricsOverride", new
        {
            width = HeadlessChromium.Width,
            height = HeadlessChromium.Height,
            deviceScaleFactor = 1,
            mobile = false,
        });
        await page.NavigateAsync(url, loadWithin);
        return page;
    }

    /// <summary>Loads <paramref name="url"/> in this tab and answers when its load event fired.</summary>
    public async Task NavigateAsync(Uri url, TimeSpan? loadWithin = null)
    {
        loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var navigation = await SendAsync("Page.navigate", new { url = url.ToString() });
        if (navigation.TryGetProperty("errorText", out var error))
        {
            throw new InvalidOperationException($"Navigation to {url} failed: {error.GetString()}");
        }

        await loaded.Task.WaitAsync(loadWithin ?? TimeSpan.FromSeconds(30));
    }

    /// <summary>
    /// Evaluates a JavaScript expression in the page; a promise is awaited. Answers the value as JSON (serialisable
    /// values only); an exception in the page is an <see cref="InvalidOperationException"/> with its message.
    /// </summary>
    public async Task<JsonElement> EvaluateAsync(string expression, TimeSpan? within = null)
    {
        using var timeout = new CancellationTokenSource(within ?? TimeSpan.FromSeconds(30));
        var result = await SendAsync("Runtime.evaluate",
            new { expression, awaitPromise = true, returnByValue = true, userGesture = true }, timeout.Token);
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"The page threw evaluating {expression}: {Describe(exception)}");
        }

        var value = result.GetProperty("result");
        return value.TryGetProperty("value", out var json) ? json.Clone() : default;
    }

    /// <summary>
    /// Answers when the JavaScript <paramref name="condition"/> is true in the page. It is checked at once and again
    /// after every change of the document (a MutationObserver), so it should read the DOM (an attribute or text the
    /// page sets); no polling interval. A timeout names the condition and the page's errors.
    /// </summary>
    public async Task WaitForAsync(string condition, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(60);
        var script = $$"""
            new Promise(resolve => {
              const holds = () => { try { return !!({{condition}}); } catch { return false; } };
              if (holds()) { resolve(true); return; }
              const observer = new MutationObserver(() => { if (holds()) { observer.disconnect(); resolve(true); } });
              observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
            })
            """;
        try
        {
            await EvaluateAsync(script, limit);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Not true within {limit}: {condition}\nPage errors:\n" +
                string.Join('\n', Errors));
        }
    }

    /// <summary>A left click (press and release) at a point of the viewport, in CSS pixels.</summary>
    public async Task ClickAsync(double x, double y)
    {
        foreach (var type in new[] { "mouseMoved", "mousePressed", "mouseReleased" })
        {
            await SendAsync("Input.dispatchMouseEvent", new
            {
                type,
                x,
                y,
                button = type == "mouseMoved" ? "none" : "left",
                clickCount = type == "mouseMoved" ? 0 : 1,
            });
        }
    }

    /// <summary>Saves a PNG of the viewport as <c>{name}.png</c> in <see cref="HeadlessChromium.ResultsDirectory"/>
    /// and answers its full path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var shot = await SendAsync("Page.captureScreenshot", new { format = "png" });
        var path = Path.Combine(HeadlessChromium.ResultsDirectory(), name + ".png");
        await File.WriteAllBytesAsync(path, Convert.FromBase64String(shot.GetProperty("data").GetString()!));
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await connection.SendAsync("Target.closeTarget", new { targetId }).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            // the browser is closing anyway
        }
    }

    private Task<JsonElement> SendAsync(string method, object? parameters = null,
        CancellationToken cancellation = default) =>
        connection.SendAsync(method, parameters, sessionId, cancellation);

    private void OnEvent(string method, JsonElement parameters)
    {
        switch (method)
        {
            case "Page.loadEventFired":
                loaded.TrySetResult();
                break;
            case "Runtime.consoleAPICalled":
                var type = parameters.GetProperty("type").GetString()!;
                var text = string.Join(' ', parameters.GetProperty("args").EnumerateArray().Select(a =>
                    a.TryGetProperty("value", out var v) ? v.ToString() :
                    a.TryGetProperty("description", out var d) ? d.GetString() : a.GetProperty("type").GetString()));
                console.Enqueue($"{type}: {text}");
                if (type is "error" or "assert")
                {
                    errors.Enqueue($"console.{type}: {text}");
                }

                break;
            case "Runtime.exceptionThrown":
                errors.Enqueue("uncaught: " + Describe(parameters.GetProperty("exceptionDetails")));
                break;
            case "Log.entryAdded":
                var entry = parameters.GetProperty("entry");
                var line = $"{entry.GetProperty("source").GetString()}: {entry.GetProperty("text").GetString()}" +
                    (entry.TryGetProperty("url", out var url) ? $" ({url.GetString()})" : "");
                console.Enqueue($"{entry.GetProperty("level").GetString()}: {line}");
                if (entry.GetProperty("level").GetString() == "error")
                {
                    errors.Enqueue(line);
                }

                break;
            case "Network.responseReceived":
                var response = parameters.GetProperty("response");
                responses.Enqueue((response.GetProperty("url").GetString()!, response.GetProperty("status").GetInt32()));
                break;
        }
    }

    private static string Describe(JsonElement exception) =>
        exception.TryGetProperty("exception", out var e) && e.TryGetProperty("description", out var d)
            ? d.GetString()!
            : exception.GetProperty("text").GetString()!;
}
