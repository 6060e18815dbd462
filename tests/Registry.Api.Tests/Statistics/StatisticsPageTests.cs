using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Api.Statistics;
using Registry.Api.Tests.Browser;
using Registry.Api.Tests.Marriages;
using F = Registry.Abstractions.Statistics.StatisticsFigures;

namespace Registry.Api.Tests.Statistics;

/// <summary>
/// The statistics page in headless Chromium against the API as a real process: with an admin token pasted it shows
/// the year's totals as the API answers them, one monthly SVG chart per period figure with this month's bar holding
/// the registrations just made, the figures not recorded with their reasons, and no console error.
/// </summary>
public sealed class StatisticsPageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task StatisticsPage_ShowsTheYearsFigures_WithoutConsoleErrors()
    {
        var directory = Path.Combine(Path.GetTempPath(), "registry-statistics-page-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var api = await ApiProcess.StartAsync(directory);
            var office = MarriageApiFixture.Office(3);
            using var registrar = new HttpClient { BaseAddress = api.Address };
            registrar.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                RegistryApiFactory.Token(["registrar.marriage"], "registrar-page", office: office));
            for (var i = 0; i < 3; i++)
            {
                var created = await registrar.PostAsJsonAsync("/api/marriages",
                    MarriageApiFixture.Registration(MarriageApiFixture.Man(), MarriageApiFixture.Woman(), office));
                Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
            }

            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
                TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
            var answer = await api.Client("admin").GetFromJsonAsync<JsonElement>(
                $"/api/statistics?from={today.Year}-01-01&to={today.Year}-12-31");
            Assert.Equal(3, answer.GetProperty("total").GetProperty(F.MarriageRegistrations).GetInt64());

            await using var browser = await HeadlessChromium.LaunchAsync();
            await using var page = await browser.OpenAsync(new Uri(api.Address,
                $"{StatisticsPage.Route}?year={today.Year}"));
            await page.WaitForAsync("document.body.dataset.state === 'needs-token'");
            await page.EvaluateAsync($$"""
                document.getElementById('token').value = '{{RegistryApiFactory.Token(["admin"])}}';
                document.getElementById('load').click();
                """);
            await page.WaitForAsync("document.body.dataset.state === 'ready'");

            Assert.Equal(today.Year.ToString(), (await page.EvaluateAsync("document.body.dataset.year")).GetString());
            foreach (var figure in F.All)
            {
                var shown = (await page.EvaluateAsync(
                    $"document.querySelector('#totals tr[data-key=\"{figure.Key}\"] td:last-child').textContent"))
                    .GetString();
                var total = answer.GetProperty("total").GetProperty(figure.Key);
                // Not recorded, a rate with nothing to divide by, or the number as the API wrote it.
                Assert.Equal(!figure.Recorded ? "未记录" : total.ValueKind == JsonValueKind.Null ? "—"
                    : total.GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture), shown);
            }

            var bars = await page.EvaluateAsync($$"""
                [...document.querySelectorAll('figure[data-key="{{F.MarriageRegistrations}}"] rect.bar')]
                    .map(b => Number(b.dataset.value))
                """);
            var values = bars.EnumerateArray().Select(b => b.GetInt32()).ToList();
            Assert.Equal(12, values.Count);
            Assert.Equal(3, values[today.Month - 1]);
            Assert.Equal(3, values.Sum());
            var charts = (await page.EvaluateAsync("document.querySelectorAll('#charts figure svg').length")).GetInt32();
            Assert.Equal(F.All.Count(f => f.Recorded && f.Measure == Abstractions.Statistics.StatisticsMeasure.Period),
                charts);
            Assert.Equal(F.All.Count(f => !f.Recorded),
                (await page.EvaluateAsync("document.querySelectorAll('#not-recorded li').length")).GetInt32());
            Assert.All(page.Responses.Where(r => r.Url.Contains("/api/statistics", StringComparison.Ordinal)),
                r => Assert.Equal((int)HttpStatusCode.OK, r.Status));

            var screenshot = await page.ScreenshotAsync("statistics-page");
            output.WriteLine($"Screenshot: {screenshot}");
            Assert.Empty(page.Errors);
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
}
