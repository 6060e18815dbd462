using System.Diagnostics;

namespace Registry.Api.Tests.Hosting;

/// <summary>
/// The command-line programs the API tests use as real clients (GDAL's ogrinfo and ogr2ogr, headless Chromium),
/// installed with <c>deploy/prerequisites.sh</c> (the script <c>.ci/run</c> uses) when missing, so that
/// <c>dotnet test Registry.sln</c> works on a fresh machine; a test fails naming what is missing when that is
/// impossible, it never skips.
/// </summary>
public static class Tools
{
    private static readonly SemaphoreSlim Installing = new(1, 1);

    /// <summary>The full path of the first of <paramref name="programs"/> found on PATH, after installing
    /// <paramref name="item"/> (a prerequisites.sh item) when none is.</summary>
    public static async Task<string> FindOrInstallAsync(string item, params string[] programs)
    {
        if (Find(programs) is { } found)
        {
            return found;
        }

        await Installing.WaitAsync();
        try
        {
            if (Find(programs) is { } meanwhile)
            {
                return meanwhile;
            }

            var script = Path.Combine(ApiProcess.RepositoryRoot(), "deploy", "prerequisites.sh");
            var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(item);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            await output;
            return Find(programs) ?? throw new InvalidOperationException(
                $"The tests need {string.Join(" or ", programs)} and deploy/prerequisites.sh {item} could not install it " +
                $"(exit {process.ExitCode}): {await error}");
        }
        finally
        {
            Installing.Release();
        }
    }

    private static string? Find(IEnumerable<string> programs) =>
        programs.Select(program => (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(directory => Path.Combine(directory, program))
                .FirstOrDefault(File.Exists))
            .FirstOrDefault(path => path is not null);
}
