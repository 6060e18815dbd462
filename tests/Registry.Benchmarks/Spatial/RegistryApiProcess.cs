using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Registry.Benchmarks.Spatial;

/// <summary>
/// The Registry API built in Release, run as its own process on 127.0.0.1 with an embedded silo and SQLite under a
/// fresh directory, and bearer tokens it accepts (a signing key made up for the run).
/// </summary>
internal sealed class RegistryApiProcess : IAsyncDisposable
{
    private const string Issuer = "registry-benchmark";
    private const string Audience = "registry";
    private static readonly byte[] SigningKey = Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"));

    private readonly Process process;
    private bool disposed;

    private RegistryApiProcess(Process process, string url)
    {
        this.process = process;
        Url = url;
    }

    public string Url { get; }

    public static async Task<RegistryApiProcess> StartAsync(string repository, string dataDirectory,
        IEnumerable<string> settings, CancellationToken cancellationToken)
    {
        var output = Path.Combine(repository, "api", "Registry.Api", "bin", "Release", "net10.0");
        var dll = Path.Combine(output, "Registry.Api.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: run the benchmark with -c Release.");
        }

        var url = $"http://127.0.0.1:{Processes.FreePort()}";
        var arguments = new List<string>
        {
            dll, $"--urls={url}", $"--Registry:DataDirectory={dataDirectory}",
            $"--Registry:Clustering:SiloPort={Processes.FreePort()}", "--Registry:Clustering:GatewayPort=0",
            $"--Authentication:Schemes:Bearer:ValidIssuer={Issuer}",
            $"--Authentication:Schemes:Bearer:ValidAudiences:0={Audience}",
            $"--Authentication:Schemes:Bearer:SigningKeys:0:Issuer={Issuer}",
            $"--Authentication:Schemes:Bearer:SigningKeys:0:Value={Convert.ToBase64String(SigningKey)}",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Registry=Information",
            // The benchmarks measure their own data: no first-start seed of the 41,352 township names.
            "--Registry:Seed:PlaceNames=false",
        };
        arguments.AddRange(settings);
        var start = Processes.Start("dotnet", arguments, workingDirectory: output);
        // Not "Production": since the OIDC hardening production accepts only an OpenID Connect authority's keys and
        // refuses to start without one (the API exited with 134), so the tokens this run signs could not be used.
        // What production adds besides (HSTS, which plain HTTP never gets; JSON console logs at Warning) is not on the
        // measured path.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Benchmark";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var api = new RegistryApiProcess(process, url);
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with code {process.ExitCode}.");
            }

            try
            {
                if ((await client.GetAsync("/health/ready", cancellationToken)).IsSuccessStatusCode)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(250, cancellationToken);
        }

        await api.DisposeAsync();
        throw new TimeoutException("The API did not become ready.");
    }

    /// <summary>The process's resident memory now (VmRSS), in MiB.</summary>
    public double ResidentMegabytes()
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
            System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>The CPU time the process has used so far (user and system, every thread).</summary>
    public TimeSpan ProcessorTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public HttpClient Client(string? role = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromMinutes(30) };
        if (role is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(role));
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>A bearer token for <paramref name="role"/> at <paramref name="office"/> (a marriage registrar acts at
    /// their own office only).</summary>
    public static AuthenticationHeaderValue Bearer(string role, string office) => new("Bearer", Token(role, office));

    // The national office (100000) covers every division, as the benchmark's registrar writes across the country.
    private static string Token(string role, string office = "100000") => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = Issuer,
        Audience = Audience,
        Subject = new ClaimsIdentity([new Claim("sub", "benchmark"), new Claim("role", role), new Claim("office", office)]),
        Expires = DateTime.UtcNow.AddHours(6),
        SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(SigningKey), SecurityAlgorithms.HmacSha256),
    });

    private static void Log(string? line)
    {
        if (line is not null && (line.Contains("Import", StringComparison.Ordinal) ||
                                 line.Contains("fail", StringComparison.OrdinalIgnoreCase)))
        {
            Console.WriteLine("  api | " + line.Trim());
        }
    }
}
