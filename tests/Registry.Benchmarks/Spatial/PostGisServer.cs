using System.Diagnostics;
using System.Globalization;

namespace Registry.Benchmarks.Spatial;

/// <summary>
/// A throw-away PostgreSQL 15 cluster with PostGIS on 127.0.0.1 (trust authentication, run as the postgres user when
/// we are root), for the reference measurement: initdb, start, load, pgbench, stop.
/// </summary>
internal sealed class PostGisServer : IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private const string Database = "registry_bench";
    private readonly string directory;
    private readonly string? owner;

    private PostGisServer(string directory, int port, string? owner)
    {
        this.directory = directory;
        this.owner = owner;
        Port = port;
    }

    public int Port { get; }

    public static async Task<PostGisServer> StartAsync(string workDirectory, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(Bin, "initdb")) ||
            !File.Exists("/usr/share/postgresql/15/extension/postgis.control"))
        {
            throw new InvalidOperationException(
                "PostgreSQL 15 with PostGIS is required: apt-get install postgresql-15 postgresql-15-postgis-3");
        }

        var directory = Path.Combine(workDirectory, "postgres");
        Directory.CreateDirectory(directory);
        var owner = Processes.IsRoot ? "postgres" : null;
        if (owner is not null)
        {
            await Processes.RunAsync("chown", ["-R", "postgres:postgres", workDirectory],
                cancellationToken: cancellationToken);
        }

        var port = Processes.FreePort();
        var server = new PostGisServer(directory, port, owner);
        await Processes.RunAsync(Path.Combine(Bin, "initdb"),
            ["-D", Path.Combine(directory, "data"), "--auth=trust", "--encoding=UTF8", "--no-sync", "-U", "postgres"],
            owner, cancellationToken: cancellationToken);
        await Processes.RunAsync(Path.Combine(Bin, "pg_ctl"),
        [
            "-D", Path.Combine(directory, "data"), "-l", Path.Combine(directory, "server.log"), "-w", "start", "-o",
            string.Join(' ',
                $"-p {port}", "-c listen_addresses=127.0.0.1", $"-c unix_socket_directories={directory}",
                "-c max_connections=64", "-c shared_buffers=512MB", "-c jit=off", "-c fsync=off",
                "-c synchronous_commit=off", "-c full_page_writes=off"),
        ], owner, cancellationToken: cancellationToken);
        await server.PsqlAsync("postgres", $"CREATE DATABASE {Database};", cancellationToken);
        await server.PsqlAsync(Database, "CREATE EXTENSION postgis;", cancellationToken);
        return server;
    }

    /// <summary>Runs SQL and returns what psql prints (unaligned, tuples only, '|' separated).</summary>
    public Task<string> PsqlAsync(string sql, CancellationToken cancellationToken) =>
        PsqlAsync(Database, sql, cancellationToken);

    /// <summary>A file the server process may read (it runs as another user).</summary>
    public string Shared(string name) => Path.Combine(directory, name);

    /// <summary>
    /// Writes a pgbench script named after <paramref name="kind"/> that draws <c>:variable</c> from 0 to
    /// <paramref name="count"/> - 1 each transaction and runs <paramref name="sql"/> (on one line) with it; returns
    /// its path, readable by the server's user.
    /// </summary>
    public async Task<string> WriteRandomScriptAsync(string kind, string variable, int count, string sql,
        CancellationToken cancellationToken)
    {
        var script = Shared(kind.Replace(' ', '-').Replace('\'', '-') + ".sql");
        await File.WriteAllTextAsync(script,
            $"\\set {variable} random(0, {count - 1})\n" + sql.ReplaceLineEndings(" ") + "\n", cancellationToken);
        return script;
    }

    public async Task<Measurement> PgbenchAsync(string script, int clients, TimeSpan duration,
        CancellationToken cancellationToken)
    {
        var logs = Path.Combine(directory, "pgbench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(logs);
        if (owner is not null)
        {
            await Processes.RunAsync("chown", [owner, logs], cancellationToken: cancellationToken);
        }

        var output = await Processes.RunAsync(Path.Combine(Bin, "pgbench"),
        [
            "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-n",
            "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
            "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), "-f", script, "-l",
            "--log-prefix", Path.Combine(logs, "log"), Database,
        ], owner, workingDirectory: logs, cancellationToken: cancellationToken);
        var tps = double.Parse(output.Split('\n').First(l => l.StartsWith("tps", StringComparison.Ordinal))
            .Split('=')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        // Per-transaction log lines: client, transaction, latency (us), script, epoch, us.
        var latencies = Directory.GetFiles(logs).SelectMany(File.ReadLines)
            .Select(line => double.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture))
            .Order().ToList();
        return new Measurement(tps, latencies[(int)(latencies.Count * 0.99)] / 1000);
    }

    public async ValueTask DisposeAsync()
    {
        await Processes.RunAsync(Path.Combine(Bin, "pg_ctl"), ["-D", Path.Combine(directory, "data"), "-w", "-m", "fast", "stop"],
            owner, check: false);
    }

    private async Task<string> PsqlAsync(string database, string sql, CancellationToken cancellationToken)
    {
        var file = Path.Combine(directory, "query-" + Guid.NewGuid().ToString("N") + ".sql");
        await File.WriteAllTextAsync(file, sql, cancellationToken);
        if (owner is not null)
        {
            await Processes.RunAsync("chown", [owner, file], cancellationToken: cancellationToken);
        }

        return await Processes.RunAsync("psql",
        [
            "-h", "127.0.0.1", "-p", Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", "-d", database,
            "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", file,
        ], owner, cancellationToken: cancellationToken);
    }
}
