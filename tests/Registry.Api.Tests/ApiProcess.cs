using System.Diagnostics;
using Registry.Storage.Tests.Servers;

namespace Registry.Api.Tests;

/// <summary>
/// The built API run as a real operating-system process (embedded silo, SQLite under a given directory), so a test
/// can kill it without any chance to flush or shut down.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> recentOutput = new();

    private ApiProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The last lines the process wrote (standard output and error), for a failing test to show.</summary>
    public IReadOnlyList<string> RecentOutput => recentOutput.ToArray();

    /// <param name="dataDirectory">Where the API keeps its database.</param>
    /// <param name="readyWithin">How long the first start (which seeds the reference data) may take; 180 s when null
    /// (a safety limit for a loaded machine, not a synchronisation: readiness is polled). A process that is not ready
    /// by then is killed, and the exception carries its last output.</param>
    /// <param name="settings">Further configuration (<c>Registry:Testing:PublishInline=false</c>), each passed as a
    /// <c>--key=value</c> argument.</param>
    public static Task<ApiProcess> StartAsync(string dataDirectory, TimeSpan? readyWithin = null,
        params IEnumerable<string> settings) =>
        StartAsync(dataDirectory, "Testing", RegistryApiFactory.BearerSettings, new Dictionary<string, string>(),
            readyWithin, settings);

    /// <summary>
    /// The API as <c>dotnet run</c> starts it on a developer's machine: the Development environment, bearer tokens
    /// checked against the keys <c>dotnet user-jwts</c> keeps in the user secrets, which are looked for under
    /// <paramref name="appData"/> (the <c>APPDATA</c> variable, which the user secrets honour on every platform) rather
    /// than under the user's home.
    /// </summary>
    public static Task<ApiProcess> StartDevelopmentAsync(string dataDirectory, string appData) =>
        StartAsync(dataDirectory, "Development", [], new Dictionary<string, string> { ["APPDATA"] = appData }, null, []);

    private static async Task<ApiProcess> StartAsync(string dataDirectory, string environment,
        IEnumerable<KeyValuePair<string, string>> bearer, IReadOnlyDictionary<string, string> variables,
        TimeSpan? readyWithin, IEnumerable<string> settings)
    {
        var ports = LocalPorts.Free(2);
        var port = ports[0];
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = ApiOutputDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(ApiOutputDirectory(), "Registry.Api.dll"));
        start.ArgumentList.Add($"--urls={address}");
        start.ArgumentList.Add($"--Registry:DataDirectory={dataDirectory}");
        start.ArgumentList.Add($"--Registry:Clustering:SiloPort={ports[1]}");
        start.ArgumentList.Add("--Registry:Clustering:GatewayPort=0");

        // The service seeds the 41,352 township names on its first start; no process test reads them.
        start.ArgumentList.Add("--Registry:Seed:PlaceNames=false");
        foreach (var (key, value) in bearer)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        foreach (var setting in settings)
        {
            start.ArgumentList.Add("--" + setting);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var api = new ApiProcess(process, address);
        process.OutputDataReceived += (_, e) => api.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => api.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await api.WaitUntilReadyAsync(readyWithin ?? TimeSpan.FromSeconds(180));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            await api.DisposeAsync();
            throw new InvalidOperationException(
                $"{e.Message} Its last output:\n{string.Join('\n', api.RecentOutput.TakeLast(40))}", e);
        }

        return api;
    }

    public HttpClient Client(params string[] roles)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (roles.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", RegistryApiFactory.Token(roles));
        }

        return client;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        recentOutput.Enqueue(line);
        while (recentOutput.Count > 400 && recentOutput.TryDequeue(out _))
        {
        }
    }

    /// <summary>SIGKILL: the process gets no chance to flush, dispose or shut its silo down.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync();
        }

        process.Dispose();
    }

    private async Task WaitUntilReadyAsync(TimeSpan limit)
    {
        using var client = Client();
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with code {process.ExitCode} before it was ready.");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            // Polling an external process's readiness: there is no event to await.
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        throw new TimeoutException($"The API at {Address} was not ready within {limit}.");
    }

    /// <summary>The API's own build output, beside this test project's (same configuration).</summary>
    private static string ApiOutputDirectory()
    {
        var testOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var framework = Path.GetFileName(testOutput);
        var configuration = Path.GetFileName(Path.GetDirectoryName(testOutput)!);
        return Path.Combine(RepositoryRoot(), "api", "Registry.Api", "bin", configuration, framework);
    }

    /// <summary>The clone this test runs from (the directory holding <c>Registry.sln</c>).</summary>
    public static string RepositoryRoot()
    {
        var testOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var root = new DirectoryInfo(testOutput);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Registry.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("Registry.sln not found above " + testOutput);
        }

        return root.FullName;
    }
}
