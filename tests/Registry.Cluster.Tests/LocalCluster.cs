using System.Diagnostics;
using System.Net.Http.Headers;
using Npgsql;
using Registry.Storage.Tests.Servers;

namespace Registry.Cluster.Tests;

/// <summary>
/// The cluster of <c>deploy/local-cluster.sh</c> (PostgreSQL, Redis, three silos, an API in client mode), started
/// by that very script from this build's outputs, on free ports, in a temporary directory that is deleted on dispose.
/// Membership settings are shortened so that a dead silo is declared dead within seconds.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    private const int Silos = 3;

    // A silo missing two probes of 2 s in a row is suspected (by default: three of 5 s), and the membership table is
    // read every 2 s: a killed silo is declared dead within seconds, yet a silo slowed by a busy machine is not.
    private static readonly string[] MembershipArguments =
    [
        "--Registry:Clustering:Membership:ProbeTimeout=00:00:02",
        "--Registry:Clustering:Membership:NumMissedProbesLimit=2",
        "--Registry:Clustering:Membership:TableRefreshTimeout=00:00:02",

        // The township names are seeded by the service on its first start; these tests do not read them.
        "--Registry:Seed:PlaceNames=false",
    ];

    private readonly Dictionary<string, string> environment;

    public LocalCluster()
    {
        var (configuration, _) = RepositoryPaths.Build;
        // Every port of the cluster chosen at once, so no two of its servers are given the same one.
        var ports = LocalPorts.Free(2 * Silos + 3);
        SiloPorts = ports[..Silos];
        GatewayPorts = ports[Silos..(2 * Silos)];
        ApiPort = ports[2 * Silos];
        environment = new Dictionary<string, string>
        {
            ["REGISTRY_CLUSTER_DIR"] = Directory,
            ["REGISTRY_CONFIGURATION"] = configuration,
            ["REGISTRY_SKIP_BUILD"] = "1",
            ["REGISTRY_ENVIRONMENT"] = "Testing",
            ["REGISTRY_API_PORT"] = ApiPort.ToString(),
            ["REGISTRY_PG_PORT"] = ports[2 * Silos + 1].ToString(),
            ["REGISTRY_REDIS_PORT"] = ports[2 * Silos + 2].ToString(),
            ["REGISTRY_SILO_PORTS"] = string.Join(' ', SiloPorts),
            ["REGISTRY_GATEWAY_PORTS"] = string.Join(' ', GatewayPorts),
            ["REGISTRY_SILO_ARGS"] = string.Join(' ', MembershipArguments),
            ["REGISTRY_API_ARGS"] = string.Join(' ', TestTokens.ApiArguments),
        };
    }

    public string Directory { get; } =
        Path.Combine(Path.GetTempPath(), "registry-cluster-" + Guid.NewGuid().ToString("N")[..12]);

    public int ApiPort { get; }

    public int[] SiloPorts { get; }

    public int[] GatewayPorts { get; }

    public Uri ApiAddress => new($"http://127.0.0.1:{ApiPort}");

    /// <summary><c>local-cluster.sh start</c>: everything not running is started; returns once the API is ready.</summary>
    public Task StartAsync() => ScriptAsync("start");

    /// <summary><c>local-cluster.sh stop</c>: API, silos, Redis and PostgreSQL, each shut down in order.</summary>
    public Task StopAsync() => ScriptAsync("stop");

    /// <summary>Kills silo <paramref name="number"/> (1-based) with SIGKILL: no shutdown, no goodbye to the cluster.</summary>
    public async Task KillSiloAsync(int number)
    {
        var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(Directory, $"silo-{number}.pid")));
        Process process;
        try
        {
            process = Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException($"Silo {number} (pid {pid}) ended by itself before it was killed." +
                Log($"silo-{number}"));
        }

        using var _ = process;
        process.Kill();
        await process.WaitForExitAsync();
    }

    public HttpClient Client(params string[] roles)
    {
        // A registrar's client gives up on an answer after 10 s (and files again).
        var client = new HttpClient { BaseAddress = ApiAddress, Timeout = TimeSpan.FromSeconds(10) };
        if (roles.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Create(roles));
        }

        return client;
    }

    /// <summary>A connection to the cluster's database, to look at what was stored.</summary>
    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var password = (await File.ReadAllTextAsync(Path.Combine(Directory, "pg-password"))).Trim();
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = int.Parse(environment["REGISTRY_PG_PORT"]),
            Database = "registry",
            Username = "registry",
            Password = password,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>The last lines of a component's log (e.g. <c>silo-2</c>, <c>api</c>), for failure messages.</summary>
    public string Log(string component) => ExternalProcess.Tail(Path.Combine(Directory, "logs", component + ".log"), 60);

    public async ValueTask DisposeAsync()
    {
        try
        {
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

    private async Task ScriptAsync(string command)
    {
        var script = Path.Combine(RepositoryPaths.Root, "deploy", "local-cluster.sh");
        try
        {
            await ExternalProcess.RunAsync("bash", [script, command], TimeSpan.FromMinutes(5), RepositoryPaths.Root,
                environment);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            // The cluster directory is deleted on dispose: what the API and the silos logged goes into the failure.
            throw new InvalidOperationException(e.Message + Log("api") +
                string.Concat(Enumerable.Range(1, Silos).Select(i => Log($"silo-{i}"))), e);
        }
    }
}
