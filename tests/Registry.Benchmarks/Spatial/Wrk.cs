using System.Globalization;
using System.Text.RegularExpressions;

namespace Registry.Benchmarks.Spatial;

/// <summary>Drives an HTTP endpoint with wrk (2 threads, the given connections) and reads its summary.</summary>
internal static partial class Wrk
{
    public static async Task<Measurement> RunAsync(string url, int connections, TimeSpan duration, string? script,
        CancellationToken cancellationToken)
    {
        var arguments = new List<string>
        {
            "-t2", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s", "--latency", "--timeout", "10s",
        };
        if (script is not null)
        {
            arguments.AddRange(["-s", script]);
        }

        arguments.Add(url);
        var output = await Processes.RunAsync("wrk", arguments, cancellationToken: cancellationToken);
        if (NonSuccess().Match(output) is { Success: true } failures)
        {
            throw new InvalidOperationException($"wrk saw {failures.Groups[1].Value} non-2xx responses:\n{output}");
        }

        var perSecond = double.Parse(Rate().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(Completed().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        return new Measurement(perSecond, Milliseconds(P99().Match(output)), Milliseconds(P50().Match(output)), requests);
    }

    private static double Milliseconds(Match latency)
    {
        var value = double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture);
        return latency.Groups[2].Value switch
        {
            "us" => value / 1000,
            "s" => value * 1000,
            _ => value,
        };
    }

    /// <summary>A wrk script sending the given request paths round-robin (each connection from its own offset).</summary>
    public static string Script(string directory, IReadOnlyList<string> paths)
    {
        var list = Path.Combine(directory, "paths.txt");
        File.WriteAllLines(list, paths);
        var script = Path.Combine(directory, "paths.lua");
        File.WriteAllText(script, $$"""
            local paths = {}
            for line in io.lines("{{list}}") do paths[#paths + 1] = line end
            local i = 0
            init = function(args) i = math.random(#paths) end
            request = function()
              i = i % #paths + 1
              return wrk.format("GET", paths[i])
            end
            """);
        return script;
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex Rate();

    [GeneratedRegex(@"99%\s+([0-9.]+)(us|ms|s)")]
    private static partial Regex P99();

    [GeneratedRegex(@"50%\s+([0-9.]+)(us|ms|s)")]
    private static partial Regex P50();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Completed();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();
}
