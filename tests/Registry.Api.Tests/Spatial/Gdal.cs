using System.Diagnostics;
using Registry.Api.Tests.Hosting;

namespace Registry.Api.Tests.Spatial;

/// <summary>GDAL's command-line tools (Debian package gdal-bin), installed by <see cref="Tools"/> when missing.</summary>
public static class Gdal
{
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

    private static Task EnsureInstalledAsync() => Tools.FindOrInstallAsync("gdal", "ogrinfo");

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

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
