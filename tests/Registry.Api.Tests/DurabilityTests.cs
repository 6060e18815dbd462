using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Abstractions.Statistics;
using Registry.Abstractions.Time;
using Registry.Api.Tests.Marriages;

namespace Registry.Api.Tests;

public sealed class DurabilityTests
{
    [Fact]
    public async Task AcknowledgedRename_SurvivesARestartOnTheSameDataDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "registry-restart-" + Guid.NewGuid().ToString("N"));
        try
        {
            string code;
            string newName;
            await using (var first = new RegistryApiFactory(directory))
            {
                var admin = first.ClientWithRoles("admin");
                var children = JsonDocument.Parse(await admin.GetStringAsync("/api/divisions/110101/children"))
                    .RootElement;
                code = children[0].GetProperty("code").GetString()!;
                newName = children[0].GetProperty("name").GetString() + "（更名）";
                var response = await admin.PostAsJsonAsync($"/api/divisions/{code}/renames",
                    new { name = newName, effectiveDate = first.Today.ToString("yyyy-MM-dd"), reason = "restart test" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await using var second = new RegistryApiFactory(directory);
            var division = JsonDocument.Parse(await second.ClientWithRoles().GetStringAsync($"/api/divisions/{code}"))
                .RootElement;
            Assert.Equal(newName, division.GetProperty("name").GetString());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task AcknowledgedRename_SurvivesSigkillOfTheProcess()
    {
        var directory = Path.Combine(Path.GetTempPath(), "registry-sigkill-" + Guid.NewGuid().ToString("N"));
        try
        {
            string code;
            string newName;
            await using (var first = await ApiProcess.StartAsync(directory))
            {
                var admin = first.Client("admin");
                var children = JsonDocument.Parse(await admin.GetStringAsync("/api/divisions/110102/children"))
                    .RootElement;
                code = children[children.GetArrayLength() - 1].GetProperty("code").GetString()!;
                newName = children[children.GetArrayLength() - 1].GetProperty("name").GetString() + "（更名）";
                var response = await admin.PostAsJsonAsync($"/api/divisions/{code}/renames",
                    new { name = newName, effectiveDate = "2024-01-01", reason = "sigkill test" });
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);

                await first.KillAsync();
            }

            await using var second = await ApiProcess.StartAsync(directory);
            var division = JsonDocument.Parse(await second.Client().GetStringAsync($"/api/divisions/{code}"))
                .RootElement;
            Assert.Equal(newName, division.GetProperty("name").GetString());
            var history = JsonDocument.Parse(await second.Client().GetStringAsync($"/api/divisions/{code}/history"))
                .RootElement;
            Assert.Equal("sigkill test", history[history.GetArrayLength() - 1].GetProperty("reason").GetString());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// The outbox: a process killed after a marriage's write and before its statistics were handed over (the first
    /// process publishes nothing, standing for a crash at exactly that point), then started again: its relay
    /// publishes from the outbox, and the figures count the marriage. Statistics are the read model that never reads
    /// the records to start, so nothing else could bring the count back.
    /// </summary>
    [Fact]
    public async Task MarriageWrittenButNotPublished_WhenTheProcessDies_IsCountedAfterTheRestart()
    {
        var directory = Path.Combine(Path.GetTempPath(), "registry-outbox-" + Guid.NewGuid().ToString("N"));
        var office = MarriageApiFixture.NextOffice();
        try
        {
            long unpublished;
            await using (var first = await ApiProcess.StartAsync(directory, null,
                             "Registry:Testing:PublishInline=false", "Registry:Testing:RelayOutbox=false"))
            {
                using var registrar = new HttpClient { BaseAddress = first.Address };
                registrar.DefaultRequestHeaders.Authorization =
                    new("Bearer", RegistryApiFactory.Token(["registrar.marriage"], office: office));
                var response = await registrar.PostAsJsonAsync("/api/marriages",
                    MarriageApiFixture.Registration(MarriageApiFixture.Man(), MarriageApiFixture.Woman(), office));
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                unpublished = await RegistrationsAsync(first.Client("admin"), office);

                await first.KillAsync();
            }

            await using var second = await ApiProcess.StartAsync(directory);
            using var admin = second.Client("admin");
            // Polling another process's read model: there is no event to await. The limit is a safety net for a
            // loaded machine; the relay publishes as the silo becomes active.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            long published;
            while ((published = await RegistrationsAsync(admin, office)) == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }

            Assert.Equal(0, unpublished);
            Assert.Equal(1, published);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The marriage registrations the statistics count at <paramref name="office"/> from yesterday to
    /// tomorrow in the bureau's calendar (around the day the test registered).</summary>
    private static async Task<long> RegistrationsAsync(HttpClient admin, string office)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
            TimeZoneInfo.FindSystemTimeZoneById(BureauClock.DefaultTimeZoneId)).DateTime);
        // The national answer lists the offices on request only.
        var answer = JsonDocument.Parse(await admin.GetStringAsync(
            $"/api/statistics?from={today.AddDays(-1):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}&offices=true"))
            .RootElement;
        return answer.GetProperty("offices").EnumerateArray()
            .Where(row => row.GetProperty("code").GetString() == office)
            .Select(row => row.GetProperty("figures").GetProperty(StatisticsFigures.MarriageRegistrations).GetInt64())
            .SingleOrDefault();
    }
}
