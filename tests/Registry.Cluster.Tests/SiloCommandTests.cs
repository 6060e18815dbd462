using System.Diagnostics;
using Registry.Storage.Tests.Servers;

namespace Registry.Cluster.Tests;

/// <summary>
/// The silo's import commands as an operator runs them: the built <c>Registry.Silo</c> as a process, its settings
/// given on the command line after the command's files.
/// </summary>
public sealed class SiloCommandTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string Cities =
        Path.Combine(RepositoryPaths.Root, "tests", "Registry.Api.Tests", "Places", "Data", "cities-excerpt.json");

    private readonly string directory =
        Path.Combine(Path.GetTempPath(), "registry-silo-command-" + Guid.NewGuid().ToString("N"));

    private string Data => Path.Combine(directory, "data");

    /// <summary>An absolute path before a setting: the command-line reader took it for a setting that swallowed the
    /// data directory, and the import went to the default directory.</summary>
    [Fact]
    public async Task ImportPlaces_AbsolutePathBeforeTheDataDirectory_ImportsIntoThatDirectory()
    {
        var (exit, output) = await RunAsync(["import-places", Cities, $"--Registry:DataDirectory={Data}",
            Path.Combine(directory, "rejections.csv")]);

        Assert.True(exit == 0, output);
        Assert.Contains($"Storage: SQLite {Path.Combine(Data, "registry.db")}", output, StringComparison.Ordinal);
        Assert.Contains(" inserted", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Data, "registry.db")));
    }

    /// <summary>A file that is not what the command reads, or is not there, is said in a line, not a stack trace.
    /// </summary>
    [Theory]
    [InlineData("not json at all")]
    [InlineData(null)]
    public async Task ImportPlaces_UnreadableFile_IsRefusedInALine(string? content)
    {
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "places.json");
        if (content is not null)
        {
            await File.WriteAllTextAsync(file, content, Ct);
        }

        var (exit, output) = await RunAsync(["import-places", file, $"--Registry:DataDirectory={Data}"]);

        Assert.Equal(2, exit);
        Assert.Contains($"{file}: cannot be imported: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>On Azure Table storage the commands write through the official provider, started by the command
    /// (no silo): the places are stored, and a second run finds every one stored already.</summary>
    [Fact]
    public async Task ImportPlaces_OnAzureTableStorage_StoresThroughTheProviderOnce()
    {
        await using var azurite = new AzuriteServer();
        await azurite.InitializeAsync();
        Directory.CreateDirectory(directory);
        string[] arguments = ["import-places", Cities, Path.Combine(directory, "rejections.csv"),
            "--Registry:Storage:Provider=AzureTable", $"--ConnectionStrings:registry={azurite.ConnectionString}",
            $"--Registry:DataDirectory={Data}"];

        var (exit, output) = await RunAsync(arguments);
        var (againExit, again) = await RunAsync(arguments);

        Assert.True(exit == 0, output);
        Assert.Contains("Storage: AzureTable", output, StringComparison.Ordinal);
        Assert.Contains("200 rows read, 200 accepted, 200 inserted", output, StringComparison.Ordinal);
        Assert.True(againExit == 0, again);
        Assert.Contains("200 rows read, 200 accepted, 0 inserted", again, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output)> RunAsync(IReadOnlyList<string> arguments)
    {
        var (configuration, framework) = RepositoryPaths.Build;
        var output = Path.Combine(RepositoryPaths.Root, "silo", "Registry.Silo", "bin", configuration, framework);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(output, "Registry.Silo.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
