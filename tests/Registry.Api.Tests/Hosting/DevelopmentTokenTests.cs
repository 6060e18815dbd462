using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Registry.Api.Tests.Hosting;

/// <summary>
/// The README's first steps on a fresh machine: the service started in development, then a token made with
/// <c>dotnet user-jwts create</c>, the tool's first run writing the signing key after the start. The API process is
/// real, the tool is the real one, and the user secrets live under a directory of the test's own (<c>APPDATA</c>).
/// </summary>
public sealed class DevelopmentTokenTests
{
    [Fact]
    public async Task ATokenMadeAfterTheStart_OnAMachineWithoutUserSecrets_IsAccepted()
    {
        var root = Path.Combine(Path.GetTempPath(), "registry-devtoken-" + Guid.NewGuid().ToString("N"));
        var appData = Path.Combine(root, "appdata");
        var project = Path.Combine(ApiProcess.RepositoryRoot(), "api", "Registry.Api");
        var settings = Path.Combine(project, "appsettings.Development.json");
        var settingsBefore = await File.ReadAllTextAsync(settings);
        try
        {
            await using var api = await ApiProcess.StartDevelopmentAsync(Path.Combine(root, "data"), appData);
            using var client = api.Client();

            var token = await UserJwtsCreateAsync(project, appData, "admin");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            // The key reaches the service through its configuration's reload (a file watch in the API's process, a
            // quarter of a second after the write): there is no event to await from here, so the answer is polled.
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            HttpStatusCode status;
            string? challenge;
            do
            {
                using var response = await client.GetAsync("/api/access-log?limit=1");
                status = response.StatusCode;
                challenge = response.Headers.WwwAuthenticate.ToString();
                if (status != HttpStatusCode.Unauthorized)
                {
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
            while (DateTime.UtcNow < deadline);

            Assert.True(status == HttpStatusCode.OK, $"{(int)status} {challenge}");

            // The same token without the admin role is refused as before, and a token signed with another key too.
            var other = await UserJwtsCreateAsync(project, appData, "gis");
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", other);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/access-log?limit=1")).StatusCode);
            var forged = token[..token.LastIndexOf('.')] + "." + Convert.ToBase64String(new byte[32])
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", forged);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/access-log?limit=1")).StatusCode);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }

        // The tool found the project's development settings as they are and left them so.
        Assert.Equal(settingsBefore, await File.ReadAllTextAsync(settings));
    }

    private static async Task<string> UserJwtsCreateAsync(string project, string appData, string role)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "user-jwts", "create", "--project", project, "--role", role, "--output", "token" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["APPDATA"] = appData;
        using var tool = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = tool.StandardOutput.ReadToEndAsync();
        var error = tool.StandardError.ReadToEndAsync();
        await tool.WaitForExitAsync();
        Assert.True(tool.ExitCode == 0, $"dotnet user-jwts exited with {tool.ExitCode}: {await output} {await error}");
        return (await output).Trim();
    }
}
