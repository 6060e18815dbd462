using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Registry.Benchmarks.Organizations;
using Registry.Benchmarks.Places;

namespace Registry.Benchmarks.National;

/// <summary>
/// The local cluster of <c>deploy/local-cluster.sh</c> (PostgreSQL, Redis, three silos, the API as their client) in a
/// directory of the benchmark's, on free ports, its API accepting the tokens this run signs. Started and stopped by the
/// script itself; the directory is left for its owner to delete.
/// </summary>
public sealed class LocalClusterUnderTest : IRegistryUnderTest
{
    private readonly string script;
    private readonly Dictionary<string, string> environment;
    private readonly byte[] signingKey;

    private LocalClusterUnderTest(string script, string directory, Dictionary<string, string> environment,
        byte[] signingKey, Uri address)
    {
        this.script = script;
        this.environment = environment;
        this.signingKey = signingKey;
        DataDirectory = directory;
        Address = address;
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    public TimeSpan CpuTime => Processes().Aggregate(TimeSpan.Zero, (sum, p) =>
    {
        using (p)
        {
            return sum + p.TotalProcessorTime;
        }
    });

    public (long Now, long Peak) Memory
    {
        get
        {
            long now = 0, peak = 0;
            foreach (var process in Processes())
            {
                using (process)
                {
                    var status = File.ReadAllLines($"/proc/{process.Id}/status");
                    now += Kilobytes(status, "VmRSS:") * 1024;
                    peak += Kilobytes(status, "VmHWM:") * 1024;
                }
            }

            return (now, peak);
        }
    }

    /// <summary>Makes the cluster's settings (free ports, a signing key) for <paramref name="directory"/> and starts
    /// it with the script (using the existing Release build).</summary>
    public static async Task<LocalClusterUnderTest> StartAsync(string repository, string directory,
        CancellationToken cancellationToken)
    {
        var key = RandomNumberGenerator.GetBytes(32);
        var apiPort = BenchmarkApiProcess.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["REGISTRY_CLUSTER_DIR"] = directory,
            ["REGISTRY_API_PORT"] = apiPort.ToString(CultureInfo.InvariantCulture),
            ["REGISTRY_PG_PORT"] = BenchmarkApiProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            ["REGISTRY_REDIS_PORT"] = BenchmarkApiProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            ["REGISTRY_SILO_PORTS"] = string.Join(' ', Enumerable.Range(0, 3).Select(_ => BenchmarkApiProcess.FreePort())),
            ["REGISTRY_GATEWAY_PORTS"] = string.Join(' ', Enumerable.Range(0, 3).Select(_ => BenchmarkApiProcess.FreePort())),
            ["REGISTRY_SKIP_BUILD"] = "1",
            // Not Production, which accepts only an OpenID Connect authority's keys (see BenchmarkApiProcess).
            ["REGISTRY_ENVIRONMENT"] = "Benchmark",
            ["REGISTRY_API_ARGS"] = string.Join(' ', BenchmarkApiProcess.AuthenticationSettings(key)
                .Append("--Logging:LogLevel:Default=Warning")),
            ["REGISTRY_SILO_ARGS"] = "--Registry:Seed:PlaceNames=false --Logging:LogLevel:Default=Warning",
        };
        Directory.CreateDirectory(directory);
        var cluster = new LocalClusterUnderTest(Path.Combine(repository, "deploy", "local-cluster.sh"), directory,
            environment, key, new Uri($"http://127.0.0.1:{apiPort}"));
        await cluster.ScriptAsync("start", cancellationToken);
        return cluster;
    }

    /// <summary>Starts it again after <see cref="StopAsync"/>, on the same data and ports.</summary>
    public Task RestartAsync(CancellationToken cancellationToken) => ScriptAsync("start", cancellationToken);

    public string Token(string user, IEnumerable<string> roles, IReadOnlyDictionary<string, string>? claims = null) =>
        BenchmarkApiProcess.SignToken(signingKey, user, roles, claims);

    public Task RunSiloCommandAsync(IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        PlaceNameSearchBenchmark.ImportAsync(DataDirectory, command.ToArray(),
            ["--Registry:Storage:Provider=PostgreSql"],
            new Dictionary<string, string> { ["ConnectionStrings__registry"] = ConnectionString() },
            cancellationToken);

    public Task StopAsync() => ScriptAsync("stop", CancellationToken.None);

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>The cluster's PostgreSQL connection string (its password made by the script).</summary>
    private string ConnectionString() =>
        $"Host=127.0.0.1;Port={environment["REGISTRY_PG_PORT"]};Database=registry;Username=registry;" +
        $"Password={File.ReadAllText(Path.Combine(DataDirectory, "pg-password")).Trim()}";

    private async Task ScriptAsync(string verb, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(verb);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("bash did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"local-cluster.sh {verb} exited {process.ExitCode}: {await error}{await output}");
        }
    }

    /// <summary>The API's and the silos' processes, from the script's pid files.</summary>
    private List<Process> Processes() =>
        new[] { "api.pid", "silo-1.pid", "silo-2.pid", "silo-3.pid" }
            .Select(name => Path.Combine(DataDirectory, name))
            .Where(File.Exists)
            .Select(file => int.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture))
            .Select(pid =>
            {
                try
                {
                    return Process.GetProcessById(pid);
                }
                catch (ArgumentException)
                {
                    return null; // exited
                }
            })
            .OfType<Process>()
            .ToList();

    private static long Kilobytes(string[] status, string field) =>
        long.Parse(status.First(l => l.StartsWith(field, StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
