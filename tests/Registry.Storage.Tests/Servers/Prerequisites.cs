namespace Registry.Storage.Tests.Servers;

/// <summary>
/// Finds the server programs the tests start and installs missing ones with <c>deploy/prerequisites.sh</c> (the same
/// script <c>.ci/run</c> and <c>deploy/local-cluster.sh</c> use), so that <c>dotnet test Registry.sln</c> works on a
/// fresh machine. When that is impossible (no root), the test fails with what to install: it never skips.
/// </summary>
public static class Prerequisites
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    /// <summary>The directory of the PostgreSQL server programs (initdb, pg_ctl).</summary>
    public static async Task<string> PostgreSqlBinDirectoryAsync()
    {
        var found = FindPostgreSql();
        if (found is null)
        {
            await InstallAsync("postgresql");
            found = FindPostgreSql();
        }

        return found ?? throw Missing("PostgreSQL server binaries (initdb, pg_ctl)", "postgresql-15");
    }

    /// <summary>The redis-server program.</summary>
    public static async Task<string> RedisServerAsync()
    {
        var found = FindOnPath("redis-server");
        if (found is null)
        {
            await InstallAsync("redis");
            found = FindOnPath("redis-server");
        }

        return found ?? throw Missing("redis-server", "redis-server");
    }

    /// <summary>The azurite-table program installed in tests/.tools.</summary>
    public static async Task<string> AzuriteTableAsync()
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", ".tools", "node_modules", ".bin", "azurite-table");
        if (!File.Exists(path))
        {
            await InstallAsync("azurite");
        }

        return File.Exists(path)
            ? path
            : throw Missing("Azurite (azurite-table)", "the npm package azurite into tests/.tools (npm ci there)");
    }

    private static async Task InstallAsync(string item)
    {
        await Gate.WaitAsync();
        try
        {
            var script = Path.Combine(RepositoryPaths.Root, "deploy", "prerequisites.sh");
            await ExternalProcess.RunAsync("bash", [script, item], TimeSpan.FromMinutes(10));
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"The tests need {item} and could not install it with deploy/prerequisites.sh: {exception.Message}",
                exception);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static string? FindPostgreSql()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(directory => Path.Combine(directory, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var v) ? v : 0)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        var initdb = FindOnPath("initdb");
        return initdb is null ? null : Path.GetDirectoryName(initdb);
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, program))
        .FirstOrDefault(File.Exists);

    private static InvalidOperationException Missing(string what, string install) =>
        new($"The tests need {what} and it is not installed. Install {install} (or run deploy/prerequisites.sh as " +
            "root), then run the tests again.");
}
