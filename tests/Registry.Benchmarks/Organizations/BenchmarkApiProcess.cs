using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Registry.Benchmarks.Organizations;

/// <summary>
/// The built API (same configuration as this program) started as a real process with its embedded silo and durable
/// SQLite storage in a directory of its own, on free loopback ports, accepting HS256 bearer tokens signed with a
/// key made for this run. Killed and its directory deleted on dispose.
/// </summary>
public sealed class BenchmarkApiProcess : National.IRegistryUnderTest
{
    private const string Issuer = "registry-benchmark";
    private const string Audience = "registry";

    private readonly Process process;
    private readonly byte[] signingKey;

    private readonly bool ownsDirectory;

    private BenchmarkApiProcess(Process process, Uri address, string dataDirectory, byte[] signingKey, bool ownsDirectory)
    {
        this.process = process;
        this.ownsDirectory = ownsDirectory;
        this.signingKey = signingKey;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    /// <summary>CPU time the API process has used so far (user and system, every thread).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The process's resident memory now and at its peak (<c>VmRSS</c>, <c>VmHWM</c> of /proc), in bytes.</summary>
    public (long Now, long Peak) Memory
    {
        get
        {
            long Field(string[] lines, string name) => long.Parse(lines.First(l => l.StartsWith(name, StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
            var status = File.ReadAllLines($"/proc/{process.Id}/status");
            return (Field(status, "VmRSS:"), Field(status, "VmHWM:"));
        }
    }

    /// <summary>The API's build output directory (it holds the reference data, too).</summary>
    public static string OutputDirectory
    {
        get
        {
            var own = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var framework = Path.GetFileName(own);
            var configuration = Path.GetFileName(Path.GetDirectoryName(own)!);
            var root = new DirectoryInfo(own);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Registry.sln")))
            {
                root = root.Parent;
            }

            return root is null
                ? throw new InvalidOperationException("Registry.sln not found above " + own)
                : Path.Combine(root.FullName, "api", "Registry.Api", "bin", configuration, framework);
        }
    }

    /// <summary>
    /// Where the API that is started lives: <see cref="OutputDirectory"/>, or the directory named by the environment
    /// variable <c>REGISTRY_BENCH_API</c>, so a published build (ReadyToRun, as the container images ship it) can be
    /// measured against the plain build. The marriage benchmark starts its API from here too.
    /// </summary>
    public static string ApiDirectory =>
        Environment.GetEnvironmentVariable("REGISTRY_BENCH_API") is { Length: > 0 } published
            ? Path.GetFullPath(published)
            : OutputDirectory;

    /// <summary>
    /// Starts the API and waits until it answers. With <paramref name="existingDataDirectory"/>, on that directory (a
    /// restart after <see cref="StopAsync"/>; the directory is left for its owner to delete), otherwise on a new one,
    /// deleted on dispose.
    /// </summary>
    public static async Task<BenchmarkApiProcess> StartAsync(IEnumerable<string> extraArguments,
        CancellationToken cancellationToken, string? existingDataDirectory = null)
    {
        var dataDirectory = existingDataDirectory
            ?? Path.Combine(Path.GetTempPath(), "registry-bench-api-" + Guid.NewGuid().ToString("N"));
        var key = RandomNumberGenerator.GetBytes(32);
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ApiDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(ApiDirectory, "Registry.Api.dll"));
        foreach (var argument in new[]
                 {
                     $"--urls={address}",
                     $"--Registry:DataDirectory={dataDirectory}",
                     $"--Registry:Clustering:SiloPort={FreePort()}",
                     "--Registry:Clustering:GatewayPort=0",
                     // The benchmarks measure their own data: no first-start seed of the 41,352 township names.
                     "--Registry:Seed:PlaceNames=false",
                     "--Logging:LogLevel:Default=Warning",
                 }.Concat(AuthenticationSettings(key)).Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        // Not "Production": production accepts only an OpenID Connect authority's keys and refuses to start without
        // one, so the tokens this run signs could not be used. Nothing else production changes (HSTS, Swagger) is on
        // a measured path.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Benchmark";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        // The API's warnings and errors (an entry's first line starts "warn:", "fail:" or "crit:", its indented
        // lines follow) are shown, so a failed request says why; information entries are not.
        var showing = false;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            if (line.Length > 5 && line[4] == ':' && !char.IsWhiteSpace(line[0]))
            {
                showing = line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal)
                    || line.StartsWith("crit:", StringComparison.Ordinal);
            }

            if (showing)
            {
                Console.Error.WriteLine("api: " + line);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("api: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new BenchmarkApiProcess(process, address, dataDirectory, key, existingDataDirectory is null);
        await api.WaitUntilReadyAsync(TimeSpan.FromMinutes(3), cancellationToken);
        return api;
    }

    /// <summary>The API's settings that make it accept the tokens <see cref="SignToken"/> signs with
    /// <paramref name="key"/>.</summary>
    internal static IEnumerable<string> AuthenticationSettings(byte[] key) =>
    [
        $"--Authentication:Schemes:Bearer:ValidIssuer={Issuer}",
        $"--Authentication:Schemes:Bearer:ValidAudiences:0={Audience}",
        $"--Authentication:Schemes:Bearer:SigningKeys:0:Issuer={Issuer}",
        $"--Authentication:Schemes:Bearer:SigningKeys:0:Value={Convert.ToBase64String(key)}",
    ];

    /// <summary>A compact HS256 JWT carrying the roles and extra claims, valid for a day.</summary>
    public string Token(string user, IEnumerable<string> roles, IReadOnlyDictionary<string, string>? claims = null) =>
        SignToken(signingKey, user, roles, claims);

    /// <summary>A compact HS256 JWT signed with <paramref name="signingKey"/>, carrying the roles and extra claims,
    /// valid for a day.</summary>
    internal static string SignToken(byte[] signingKey, string user, IEnumerable<string> roles,
        IReadOnlyDictionary<string, string>? claims = null)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var payload = new Dictionary<string, object>
        {
            ["sub"] = user,
            ["unique_name"] = user,
            ["role"] = roles.ToArray(),
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["nbf"] = now - 60,
            ["iat"] = now - 60,
            ["exp"] = now + 86_400,
        };
        foreach (var (name, value) in claims ?? new Dictionary<string, string>())
        {
            payload[name] = value;
        }

        var unsigned = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" })) + "." +
            Base64Url(JsonSerializer.SerializeToUtf8Bytes(payload));
        return unsigned + "." + Base64Url(HMACSHA256.HashData(signingKey, Encoding.ASCII.GetBytes(unsigned)));
    }

    public Task RunSiloCommandAsync(IReadOnlyList<string> command, CancellationToken cancellationToken) =>
        Places.PlaceNameSearchBenchmark.ImportAsync(DataDirectory, command.ToArray(), cancellationToken);

    /// <summary>Stops the process (as a crash or deployment would), keeping the data directory.</summary>
    public async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        process.Dispose();
        if (ownsDirectory && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = Address };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with code {process.ExitCode} before it was ready.");
            }

            try
            {
                if ((await client.GetAsync("/health/ready", cancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            // Polling another process's readiness: there is no event to await.
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        throw new TimeoutException($"The API at {Address} was not ready within {limit}.");
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
