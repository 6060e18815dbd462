using System.Diagnostics;

namespace Registry.Api.Tests.Spatial;

/// <summary>GDAL's command-line tools (Debian package gdal-bin), installed with apt-get when missing.</summary>
public static class Gdal
{
    private static readonly SemaphoreSlim installing = new(1, 1);

    public static async Task<string> OgrInfoAsync(params string[] arguments)
    {
        await EnsureInstalledAsync();
        var (exit, output, error) = await RunAsync("ogrinfo", arguments);
        Assert.True(exit == 0, $"ogrinfo {string.Join(' ', arguments)} exited {exit}: {error}");
        return output;
    }

    /// <summary>Runs ogr2ogr (the arguments after the tool's name) and returns its standard output.</summary>
    public static async Task<string> Ogr2OgrAsync(params string[] arguments)
    {
        await EnsureInstalledAsync();
        var (exit, output, error) = await RunAsync("ogr2ogr", arguments);
        Assert.True(exit == 0, $"ogr2ogr {string.Join(' ', arguments)} exited {exit}: {error}");
        return output;
    }

    private static async Task EnsureInstalledAsync()
    {
        await installing.WaitAsync();
        try
        {
            if (Found("ogrinfo"))
            {
                return;
            }

            // The test machine may lack GDAL; the fixture installs the Debian package like .ci/run does.
            await RunAsync("apt-get", ["update"]);
            var (exit, _, error) = await RunAsync("apt-get", ["install", "-y", "--no-install-recommends", "gdal-bin"]);
            Assert.True(exit == 0 && Found("ogrinfo"), $"ogrinfo is missing and apt-get could not install gdal-bin: {error}");
        }
        finally
        {
            installing.Release();
        }
    }

    private static bool Found(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
