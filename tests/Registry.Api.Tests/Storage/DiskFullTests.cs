using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Registry.Api.Tests.Storage;

/// <summary>
/// A real full disk: the API process runs with its data directory on a small tmpfs, renames run under load while a
/// filler file takes the remaining space. Every write must then be answered 503 <c>storage-unavailable</c> with a
/// Retry-After (never a 500, never a 2xx for what was not stored), readiness must turn unhealthy and come back by
/// itself when the filler is deleted, and after a SIGKILL and a restart every acknowledged rename must be in the
/// history. Needs root (to mount); skipped otherwise.
/// </summary>
public sealed class DiskFullTests
{
    private const int Workers = 6;

    /// <summary>Seeding the reference data onto a fresh tmpfs takes its time on a busy machine.</summary>
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task FullDisk_AnswersStorageUnavailable_LosesNothingAcknowledged_AndReadinessRecovers()
    {
        Assert.SkipUnless(Environment.UserName == "root" && OperatingSystem.IsLinux(),
            "Mounting a tmpfs needs root on Linux.");
        var directory = Path.Combine(Path.GetTempPath(), "registry-diskfull-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        await RunAsync("mount", "-t", "tmpfs", "-o", "size=192m", "tmpfs", directory);
        try
        {
            var acknowledged = new ConcurrentBag<(string Code, string Reason)>();
            var statuses = new ConcurrentDictionary<int, int>();
            var problems = new ConcurrentBag<string>();
            await using (var api = await ApiProcess.StartAsync(directory, StartLimit))
            {
                var admin = api.Client("admin");
                var codes = new List<(string Code, string Name)>();
                foreach (var parent in new[] { "110101", "110102" })
                {
                    foreach (var child in JsonDocument.Parse(await admin.GetStringAsync($"/api/divisions/{parent}/children"))
                                 .RootElement.EnumerateArray().Take(Workers / 2))
                    {
                        codes.Add((child.GetProperty("code").GetString()!, child.GetProperty("name").GetString()!));
                    }
                }

                using var stop = new CancellationTokenSource();
                string Seen() => $"answers so far {string.Join(", ", statuses.OrderBy(p => p.Key))}; " +
                                 string.Join(" | ", problems.Take(3)) + "\nAPI output:\n" +
                                 string.Join('\n', api.RecentOutput.SkipWhile(l => !l.Contains("fail:", StringComparison.Ordinal)).Take(40));
                var refused = 0;
                var storedAfterRecovery = 0;
                var recovered = false;
                var load = codes.Select((division, worker) => Task.Run(async () =>
                {
                    using var client = api.Client("admin");
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        var reason = $"disk-full test {worker}-{i}";
                        using var response = await client.PostAsJsonAsync($"/api/divisions/{division.Code}/renames", new
                        {
                            name = $"{division.Name}{i}",
                            effectiveDate = new DateOnly(2024, 1, 1).AddDays(i).ToString("yyyy-MM-dd"),
                            reason,
                        });
                        var status = (int)response.StatusCode;
                        statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                        if (status == 201)
                        {
                            acknowledged.Add((division.Code, reason));
                            if (Volatile.Read(ref recovered))
                            {
                                Interlocked.Increment(ref storedAfterRecovery);
                            }
                        }
                        else if (status == 503)
                        {
                            Interlocked.Increment(ref refused);
                            var body = await response.Content.ReadAsStringAsync();
                            if (!body.Contains("\"storage-unavailable\"", StringComparison.Ordinal)
                                || response.Headers.RetryAfter is null)
                            {
                                problems.Add($"503 without the rule or Retry-After: {body}");
                            }
                        }
                        else
                        {
                            problems.Add($"{status}: {await response.Content.ReadAsStringAsync()}");
                        }
                    }
                })).ToList();

                await WaitUntilAsync(() => acknowledged.Count >= Workers * 3, TimeSpan.FromSeconds(120), () => "writes before the disk fills; " + Seen());
                var filler = Path.Combine(directory, "filler");
                Fill(filler);
                await WaitUntilAsync(() => Volatile.Read(ref refused) >= Workers * 3, TimeSpan.FromSeconds(180),
                    () => "writes refused on the full disk; " + Seen());
                await WaitUntilAsync(async () => !await ReadyAsync(api), TimeSpan.FromSeconds(60), () => "readiness unhealthy; " + Seen());

                File.Delete(filler);
                await WaitUntilAsync(async () => await ReadyAsync(api), TimeSpan.FromSeconds(90), () => "readiness healthy again; " + Seen());
                Volatile.Write(ref recovered, true);
                await WaitUntilAsync(() => Volatile.Read(ref storedAfterRecovery) >= Workers, TimeSpan.FromSeconds(60),
                    () => "writes stored after space returned; " + Seen());
                await stop.CancelAsync();
                await Task.WhenAll(load);
                await api.KillAsync();
            }

            Assert.True(problems.IsEmpty, string.Join('\n', problems.Take(20)));
            Assert.False(statuses.ContainsKey(500), "answers: " + string.Join(", ", statuses));

            await using var restarted = await ApiProcess.StartAsync(directory, StartLimit);
            var reader = restarted.Client();
            foreach (var group in acknowledged.GroupBy(a => a.Code))
            {
                var history = await reader.GetStringAsync($"/api/divisions/{group.Key}/history");
                var lost = group.Where(a => !history.Contains($"\"{a.Reason}\"", StringComparison.Ordinal)).ToList();
                Assert.True(lost.Count == 0, $"{lost.Count} acknowledged renames of {group.Key} lost: " +
                                             string.Join(", ", lost.Select(l => l.Reason).Take(10)));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await RunAsync("umount", "-l", directory);
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Writes zeros into <paramref name="path"/> until the filesystem has no space left.</summary>
    private static void Fill(string path)
    {
        var block = new byte[1 << 20];
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        try
        {
            while (true)
            {
                file.Write(block);
            }
        }
        catch (IOException)
        {
            // No space left on the device: the point of it.
        }

        // Take the last pages too, in smaller pieces.
        try
        {
            while (true)
            {
                file.Write(block.AsSpan(0, 4096));
            }
        }
        catch (IOException)
        {
        }
    }

    private static async Task<bool> ReadyAsync(ApiProcess api)
    {
        using var client = api.Client();
        try
        {
            using var response = await client.GetAsync("/health/ready");
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan limit, Func<string> what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), limit, what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan limit, Func<string> what)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not reached within {limit}: {what()}.");
            }

            // Polling another process's state (its answers, its readiness): there is no event to await.
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)}: {error}");
    }
}
