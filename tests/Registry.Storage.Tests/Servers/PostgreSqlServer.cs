using Npgsql;

namespace Registry.Storage.Tests.Servers;

/// <summary>
/// A real PostgreSQL server for tests: a fresh cluster made by <c>initdb</c> in a temporary directory, started with
/// <c>pg_ctl</c> on a free port of 127.0.0.1 (no Unix socket outside that directory, trust authentication for the
/// superuser <c>registry</c>), stopped and deleted on dispose. Root cannot run PostgreSQL, so as root the server runs
/// as the <c>postgres</c> system user (created if absent) and the directory is handed to it.
/// </summary>
public sealed class PostgreSqlServer : IAsyncLifetime
{
    public const string Superuser = "registry";
    private const string SystemUser = "postgres";

    private string binDirectory = "";
    private bool running;

    /// <summary>The temporary directory holding the cluster (<c>data/</c>), its socket and its log.</summary>
    public string Directory { get; } =
        Path.Combine(Path.GetTempPath(), "registry-pg-" + Guid.NewGuid().ToString("N")[..12]);

    public int Port { get; } = LocalPorts.Free();

    private string DataDirectory => Path.Combine(Directory, "data");

    private string LogPath => Path.Combine(Directory, "server.log");

    /// <summary>A connection string for <paramref name="database"/> as the superuser.</summary>
    public string ConnectionString(string database = "postgres") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = Superuser,
            Database = database,
            Timeout = 30,
            CommandTimeout = 120,
        }.ToString();

    public async ValueTask InitializeAsync()
    {
        binDirectory = await Prerequisites.PostgreSqlBinDirectoryAsync();
        System.IO.Directory.CreateDirectory(Directory);
        if (ExternalProcess.IsRoot)
        {
            await EnsureSystemUserAsync();
            await ExternalProcess.RunAsync("chown", ["-R", $"{SystemUser}:", Directory]);
        }

        // --no-sync: a test cluster need not survive a power loss between initdb and the first start.
        await RunAsServerUserAsync("initdb",
            ["-D", DataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        await StartAsync();
    }

    /// <summary>Starts the server (again) on the same port and data.</summary>
    public async Task StartAsync()
    {
        var options = string.Join(' ',
            "-c listen_addresses=127.0.0.1", $"-p {Port}", $"-k {Directory}",
            "-c max_connections=200", "-c shared_buffers=64MB");
        await RunAsServerUserAsync("pg_ctl",
            ["-D", DataDirectory, "-l", LogPath, "-o", options, "-w", "-t", "60", "start"]);
        running = true;
    }

    /// <summary>Stops the server (fast shutdown: sessions are ended, committed data is kept).</summary>
    public async Task StopAsync()
    {
        if (!running)
        {
            return;
        }

        await RunAsServerUserAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"]);
        running = false;
    }

    /// <summary>Creates a database (if absent) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name;", connection);
        exists.Parameters.AddWithValue("name", name);
        if (await exists.ExecuteScalarAsync() is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\";", connection);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            await StopAsync();
        }
        finally
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
    }

    private async Task<string> RunAsServerUserAsync(string program, IEnumerable<string> arguments)
    {
        var path = Path.Combine(binDirectory, program);
        try
        {
            return ExternalProcess.IsRoot
                ? await ExternalProcess.RunAsync("runuser", ["-u", SystemUser, "--", path, .. arguments],
                    TimeSpan.FromMinutes(2))
                : await ExternalProcess.RunAsync(path, arguments, TimeSpan.FromMinutes(2));
        }
        catch (InvalidOperationException exception)
        {
            throw new InvalidOperationException(exception.Message + ExternalProcess.Tail(LogPath), exception);
        }
    }

    private static async Task EnsureSystemUserAsync()
    {
        try
        {
            await ExternalProcess.RunAsync("id", [SystemUser]);
        }
        catch (InvalidOperationException)
        {
            await ExternalProcess.RunAsync("useradd",
                ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", SystemUser]);
        }
    }
}
