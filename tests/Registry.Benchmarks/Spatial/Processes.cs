using System.Diagnostics;

namespace Registry.Benchmarks.Spatial;

/// <summary>Runs command-line tools and captures what they print.</summary>
internal static class Processes
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs a tool to completion; throws with its output when it fails (unless <paramref name="check"/> is false).</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, string? asUser = null,
        bool check = true, string? workingDirectory = null, CancellationToken cancellationToken = default)
    {
        var start = Start(file, arguments, asUser, workingDirectory);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} exited {process.ExitCode}: {await error}{await output}");
        }

        return await output;
    }

    /// <summary>A process description, run through runuser when another user is named and we are root.</summary>
    public static ProcessStartInfo Start(string file, IEnumerable<string> arguments, string? asUser = null,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        if (asUser is not null && IsRoot)
        {
            start.FileName = "runuser";
            start.ArgumentList.Add("-u");
            start.ArgumentList.Add(asUser);
            start.ArgumentList.Add("--");
            start.ArgumentList.Add(file);
        }
        else
        {
            start.FileName = file;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    public static bool Found(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, tool)));

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
