namespace Registry.Api.Tests.Browser;

/// <summary>The harness reports what a page tests rely on it to report: console errors, uncaught exceptions,
/// Content-Security-Policy violations, and a condition that never holds.</summary>
public sealed class HeadlessChromiumTests
{
    private static Uri Page(string html) => new("data:text/html;charset=utf-8," + Uri.EscapeDataString(html));

    [Fact]
    public async Task Errors_HoldConsoleErrorsUncaughtExceptionsAndCspViolations()
    {
        await using var browser = await HeadlessChromium.LaunchAsync();
        await using var page = await browser.OpenAsync(Page("""
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'">
            <p id="done">page</p>
            <script>
              console.error('logged error');
              setTimeout(() => { throw new Error('thrown later'); }, 0);
              // Runs after the throw; the fetch is refused by the policy (connect-src falls back to 'none').
              setTimeout(() => fetch('http://127.0.0.1:9/refused').catch(() => { document.body.dataset.done = 'yes'; }), 0);
            </script>
            """));

        await page.WaitForAsync("document.body.dataset.done === 'yes'");
        Assert.Equal("page", (await page.EvaluateAsync("document.getElementById('done').textContent")).GetString());

        Assert.Contains(page.Errors, e => e.Contains("logged error", StringComparison.Ordinal));
        Assert.Contains(page.Errors, e => e.Contains("thrown later", StringComparison.Ordinal));
        Assert.Contains(page.Errors, e => e.Contains("Content Security Policy", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WaitFor_AConditionThatNeverHolds_TimesOutNamingIt()
    {
        await using var browser = await HeadlessChromium.LaunchAsync();
        await using var page = await browser.OpenAsync(Page("<p>static</p>"));

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() =>
            page.WaitForAsync("document.title === 'never'", TimeSpan.FromSeconds(1)));
        Assert.Contains("document.title === 'never'", timeout.Message, StringComparison.Ordinal);
    }
}
