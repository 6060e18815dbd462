using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Registry.Abstractions.Statistics;
using Registry.Benchmarks.Spatial;
using Registry.Hosting;

namespace Registry.Benchmarks.Statistics;

/// <summary>
/// Issue 18's "a national year answers in under 100 ms": the statistics read model filled with a national year of
/// counters, then <c>GET /api/statistics</c> for the year (admin, every office) through HTTP from the API as its own
/// process. No way in stores a national year of records in a benchmark's time (the archive import enters a few
/// hundred a second), so the counters are handed to the read model through its own input, the office-month partition
/// grains' <c>ApplyAsync</c> that every record grain calls, from a silo hosted by the benchmark on the same data
/// directory; the API is started on that directory afterwards and asked as users ask: the same question again, then
/// the year being written (a marriage registered through the API before each question), each with the API's CPU per
/// question.
/// </summary>
public sealed class NationalYearStatisticsBenchmark : IBenchmark
{
    /// <summary>The marriage figures counted every day at every office (the busiest domain of a year).</summary>
    private static readonly string[] Figures =
    [
        StatisticsFigures.MarriageRegistrations, StatisticsFigures.MarriageBothMainland,
        StatisticsFigures.MarriageFirst, StatisticsFigures.MarriageRemarriages, StatisticsFigures.DivorceApplications,
        StatisticsFigures.DivorcesByRegistration, StatisticsFigures.ReplacementCertificates,
        StatisticsFigures.RecordExtracts,
    ];

    public string Name => "statistics-national-year";

    public string Description =>
        "GET /api/statistics for a year after every county office's days of marriage figures are counted (issue 18)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var offices = Option(args, "--offices", int.MaxValue);
        var queries = Option(args, "--queries", 200);
        var root = RepositoryRoot();
        var counties = File.ReadLines(Path.Combine(root, "silo", "Registry.Hosting", "ReferenceData", "divisions",
                "divisions-2023-areas.csv"))
            .Skip(1).Select(line => line[..line.IndexOf(',')]).Distinct().Take(offices).ToList();
        var year = DateTime.UtcNow.Year;
        var last = DateOnly.FromDateTime(DateTime.UtcNow);
        // --data DIR: fill DIR once and keep the filled data, so runs of two builds (--api-from) measure the same data
        // back to back without a second fill of several minutes. Each run works on a copy: a run's registrations
        // (and roll-ups left unflushed when its API is killed) never reach the next.
        var kept = TextOption(args, "--data");
        var work = kept ?? Path.Combine(Path.GetTempPath(), "registry-statistics-" + Guid.NewGuid().ToString("N"));
        var data = Path.Combine(work, "registry");
        var pristine = Path.Combine(work, "filled-data");
        var filledMark = Path.Combine(work, "filled");
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }

        Directory.CreateDirectory(data);
        Console.WriteLine($"{counties.Count:N0} offices, {Figures.Length} figures, every day from {year}-01-01 to " +
            $"{last:yyyy-MM-dd}; data in {data}");
        try
        {
            if (File.Exists(filledMark))
            {
                Console.WriteLine("filled before (--data): " + File.ReadAllText(filledMark));
                Copy(pristine, data);
            }
            else
            {
                var loaded = await FillAsync(data, counties, new DateOnly(year, 1, 1), last, cancellationToken);
                var bytes = Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories)
                    .Sum(f => new FileInfo(f).Length);
                var filled = string.Create(CultureInfo.InvariantCulture,
                    $"{loaded.Facts:N0} day counters in {loaded.Partitions:N0} office-months, " +
                    $"{loaded.Elapsed.TotalSeconds:F0} s; data directory {bytes / 1048576.0:F0} MiB");
                Console.WriteLine("filled: " + filled);
                if (kept is not null)
                {
                    Copy(data, pristine);
                    File.WriteAllText(filledMark, filled);
                }
            }

            // --api-from REPO: the API built under another checkout (the build before a change, for an A/B).
            var apiRoot = TextOption(args, "--api-from") ?? root;
            Console.WriteLine($"API from {apiRoot}");
            var start = Stopwatch.StartNew();
            await using var api = await RegistryApiProcess.StartAsync(apiRoot, data, ["--Registry:Seed:Geometry=false"],
                cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"API ready {start.Elapsed.TotalSeconds:F1} s after its start"));
            using var admin = api.Client("admin");
            await NationalYearStatistics.MeasureAsync(admin, admin.DefaultRequestHeaders.Authorization!, queries,
                api.ProcessorTime, cancellationToken);
            // The year being written: a registration through the API before each question, at offices spread over
            // the provinces (each moves one province's roll-up).
            var spread = counties.Where((_, i) => i % 97 == 0).ToList();
            var registrars = spread.ToDictionary(office => office,
                office => RegistryApiProcess.Bearer("registrar.marriage", office));
            var fresh = await NationalYearStatistics.MeasureWhileWrittenAsync(admin,
                admin.DefaultRequestHeaders.Authorization!, office => registrars[office], spread,
                queries, api.ProcessorTime, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"API resident memory after the queries: {api.ResidentMegabytes():F0} MiB"));
            return fresh ? 0 : 1;
        }
        finally
        {
            if (kept is null)
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<(long Facts, int Partitions, TimeSpan Elapsed)> FillAsync(string data,
        IReadOnlyList<string> offices, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Registry:DataDirectory"] = data,
            ["Registry:Seed:Geometry"] = "false",
            ["Registry:Seed:PlaceNames"] = "false",
            ["Registry:Clustering:SiloPort"] = Processes.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Registry:Clustering:GatewayPort"] = "0",
        }).Build();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo => silo.AddRegistrySilo(configuration));
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var months = new List<(string Office, DateOnly Month)>();
        foreach (var office in offices)
        {
            for (var month = first; month <= last; month = month.AddMonths(1))
            {
                months.Add((office, month));
            }
        }

        var clock = Stopwatch.StartNew();
        long facts = 0;
        var done = 0;
        await Parallel.ForEachAsync(months, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (partition, _) =>
            {
                var (office, month) = partition;
                var end = month.AddMonths(1).AddDays(-1) < last ? month.AddMonths(1).AddDays(-1) : last;
                var list = new List<StatisticsFact>();
                for (var day = month; day <= end; day = day.AddDays(1))
                {
                    foreach (var figure in Figures)
                    {
                        // A day's count at an office: 1-9, spread by a hash so that no two counters are alike.
                        var count = 1 + (int)((uint)HashCode.Combine(office, figure, day.DayNumber) % 9);
                        list.Add(new StatisticsFact($"benchmark:{office}:{figure}:{day:yyyy-MM-dd}", figure, office, day,
                            count));
                    }
                }

                await grains.GetGrain<IStatisticsPartitionGrain>(StatisticsKeys.Partition(office, month))
                    .ApplyAsync(list);
                Interlocked.Add(ref facts, list.Count);
                if (Interlocked.Increment(ref done) % 2_000 == 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  {done:N0}/{months.Count:N0} office-months, {clock.Elapsed.TotalSeconds:F0} s"));
                }
            });
        var elapsed = clock.Elapsed;
        await host.StopAsync(cancellationToken);
        return (facts, months.Count, elapsed);
    }

    private static int Option(IReadOnlyList<string> args, string name, int fallback)
    {
        var index = args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < args.Count
            ? int.Parse(args[index + 1], CultureInfo.InvariantCulture)
            : fallback;
    }

    private static void Copy(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static string? TextOption(IReadOnlyList<string> args, string name)
    {
        var index = args.ToList().IndexOf(name);
        return index >= 0 && index + 1 < args.Count ? args[index + 1] : null;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Registry.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Registry.sln not found above the benchmark");
    }
}
