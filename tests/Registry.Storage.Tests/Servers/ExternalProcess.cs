using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Registry.Storage.Tests.Servers;

/// <summary>Runs the programs test servers are made of: short commands to completion, servers in the background.</summary>
public static class ExternalProcess
{
    /// <summary>Whether the tests run as root (PostgreSQL then runs as the <c>postgres</c> system user).</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs a command to completion and returns its standard output; throws with its output on failure.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments,
        TimeSpan? timeout = null, string? workingDirectory = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = Info(fileName, arguments, workingDirectory);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start '{fileName}'.");
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(errors, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{Describe(start)}' did not finish within {timeout}:\n{errors}\n{output}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{Describe(start)}' failed with exit code {process.ExitCode}:\n{errors}\n{output}");
        }

        return output.ToString();
    }

    /// <summary>Starts a long-running program whose output goes to <paramref name="logPath"/>.</summary>
    public static Process StartBackground(string fileName, IEnumerable<string> arguments, string logPath,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = Info(fileName, arguments, workingDirectory);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{fileName}'.");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var gate = new object();
        void Write(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                try
                {
                    log.WriteLine(line);
                }
                catch (ObjectDisposedException)
                {
                    // the process outlived its log
                }
            }
        }

        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.Exited += (_, _) =>
        {
            lock (gate)
            {
                log.Dispose();
            }
        };
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until something accepts connections on 127.0.0.1:<paramref name="port"/>.</summary>
    public static async Task WaitForPortAsync(int port, TimeSpan limit, Process? process, string what,
        string? logPath = null)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException(
                    $"{what} exited with code {process.ExitCode} before listening on port {port}.{Tail(logPath)}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                // Polling another process's readiness: there is no event to await.
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }

        throw new TimeoutException($"{what} did not listen on port {port} within {limit}.{Tail(logPath)}");
    }

    /// <summary>The last lines of a log file, for error messages.</summary>
    public static string Tail(string? logPath, int lines = 30)
    {
        if (logPath is null || !File.Exists(logPath))
        {
            return "";
        }

        using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var all = reader.ReadToEnd().Split('\n');
        return $"\nLast lines of {logPath}:\n" + string.Join('\n', all.TakeLast(lines));
    }

    private static ProcessStartInfo Info(string fileName, IEnumerable<string> arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.AppendLine(line);
        }
    }

    private static string Describe(ProcessStartInfo start) => start.FileName + " " + string.Join(' ', start.ArgumentList);
}
