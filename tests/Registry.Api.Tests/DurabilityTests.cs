using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

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
}
