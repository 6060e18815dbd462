using System.Text.Json;
using Npgsql;
using Registry.Storage.Tests.Servers;

namespace Registry.Cluster.Tests;

/// <summary>
/// The cluster deployment of deploy/local-cluster.sh (PostgreSQL, Redis, three silos, an API in client mode) under a
/// steady rename load: one silo is killed with SIGKILL, then the whole cluster is restarted. Nothing acknowledged may
/// be lost, no division may end with two versions of itself, and the cluster must serve again within 30 s.
/// </summary>
public sealed class FailoverTests
{
    private const int Workers = 8;
    private const int DivisionsPerWorker = 6;
    private const int KilledSilo = 2;
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(30);
    private static readonly DateOnly FarFuture = new(2100, 1, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SigkillOfASiloUnderWriteLoad_ServesAgainWithin30sAndLosesNothing()
    {
        // Disposed last (after the cluster stops): a line of live output every 10 s for the whole test; see Progress.
        using var progress = new Progress(TestContext.Current.TestOutputHelper) { Phase = "starting the cluster" };
        await using var cluster = new LocalCluster();
        await cluster.StartAsync();
        progress.Phase = "renames under load";
        using var admin = cluster.Client("admin");
        var divisions = Townships(Workers * DivisionsPerWorker);
        var load = new RenameLoad(admin, divisions, Guid.NewGuid().ToString("N")[..8]);

        load.Start(Workers);
        await load.AcknowledgedAsync(300).WaitAsync(TimeSpan.FromSeconds(120), Ct);
        var killedAt = load.Now;
        progress.Phase = $"silo {KilledSilo} killed, waiting for every division to be written again";
        await cluster.KillSiloAsync(KilledSilo);
        var recovery = await load.EveryDivisionAcknowledgedSinceAsync(killedAt)
            .WaitAsync(RecoveryLimit + TimeSpan.FromSeconds(30), Ct);
        // Keep writing a while on the two remaining silos before looking at the result.
        await load.AcknowledgedAsync(load.AcknowledgedCount + 100).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        var attempts = await load.StopAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{attempts.Count} renames: " +
            string.Join(", ", attempts.GroupBy(a => (a.Outcome, a.Status)).Select(g => $"{g.Count()} {g.Key}")) +
            $"; silo {KilledSilo} killed at {killedAt.TotalSeconds:F1} s, every division written again " +
            $"{recovery.TotalSeconds:F1} s later; unknown: " +
            string.Join(" | ", attempts.Where(a => a.Outcome == Outcome.Unknown).Select(a => a.Detail).Distinct()
                .Take(3)));

        Assert.True(recovery <= RecoveryLimit,
            $"Every division was written again only {recovery.TotalSeconds:F1} s after the kill." + cluster.Log("api"));
        Assert.Contains(attempts, a => a.Outcome == Outcome.Acknowledged && a.StartedAt < killedAt);
        var refused = attempts.Where(a => a.Outcome == Outcome.Refused && a.Status != 409).ToList();
        Assert.True(refused.Count == 0, "Refused renames: " + string.Join("\n", refused.Take(5)));
        progress.Phase = "checking the stored records";
        await AssertNothingLostAsync(cluster, load, attempts);

        progress.Phase = "restarting the whole cluster";
        await cluster.StopAsync();
        await cluster.StartAsync();

        progress.Phase = "checking the stored records after the restart";
        await AssertNothingLostAsync(cluster, load, attempts);
        progress.Phase = "stopping the cluster";
    }

    /// <summary>
    /// Every acknowledged rename is in its division, in order, each at most once, next to nothing that was refused;
    /// the API's view, the stored state and the stored history's last version agree; history versions have no gaps.
    /// </summary>
    private static async Task AssertNothingLostAsync(LocalCluster cluster, RenameLoad load,
        IReadOnlyList<RenameAttempt> attempts)
    {
        using var reader = cluster.Client();
        var stored = await ReadStoredAsync(cluster, attempts.Select(a => a.Code).Distinct().ToArray());
        foreach (var group in attempts.GroupBy(a => a.Code))
        {
            var code = group.Key;
            var byNumber = group.ToDictionary(a => a.Number);
            var history = JsonDocument.Parse(await reader.GetStringAsync($"/api/divisions/{code}/history", Ct))
                .RootElement.EnumerateArray()
                .Where(e => load.IsOfThisRun(e.GetProperty("reason").GetString()))
                .Select(e => (Reason: e.GetProperty("reason").GetString()!, Name: e.GetProperty("name").GetString()!))
                .ToList();
            var numbers = history.Select(e => int.Parse(e.Reason[(e.Reason.LastIndexOf('#') + 1)..])).ToList();

            Assert.True(numbers.SequenceEqual(numbers.Order().Distinct()),
                $"{code}: renames stored out of order or twice: {string.Join(", ", numbers)}");
            foreach (var number in numbers)
            {
                Assert.True(byNumber[number].Outcome != Outcome.Refused,
                    $"{code}: rename #{number} was refused yet stored");
                Assert.Equal(byNumber[number].Name, history[numbers.IndexOf(number)].Name);
            }

            var lost = group.Where(a => a.Outcome == Outcome.Acknowledged && !numbers.Contains(a.Number)).ToList();
            Assert.True(lost.Count == 0,
                $"{code}: acknowledged but lost: {string.Join(", ", lost.Select(a => a.Number))}");

            var current = JsonDocument.Parse(await reader.GetStringAsync(
                $"/api/divisions/{code}?asOf={FarFuture:yyyy-MM-dd}", Ct)).RootElement;
            Assert.Equal(history[^1].Name, current.GetProperty("name").GetString());

            // One history: what the API serves is the events stored in the record's own state row.
            Assert.Equal(history.Select(e => e.Reason), stored[code].Where(load.IsOfThisRun));
        }
    }

    private static async Task<Dictionary<string, List<string?>>> ReadStoredAsync(LocalCluster cluster, string[] codes)
    {
        await using var connection = await cluster.OpenDatabaseAsync();
        await using var command = new NpgsqlCommand("""
            SELECT s.grain_id, s.state->'events'
            FROM registry.grain_state s
            WHERE s.state_name = 'division' AND s.grain_id = ANY(@ids);
            """, connection);
        command.Parameters.AddWithValue("ids", codes.Select(code => "division/" + code).ToArray());
        var rows = new Dictionary<string, List<string?>>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            var reasons = JsonDocument.Parse(reader.GetString(1)).RootElement.EnumerateArray()
                .Select(e => e.TryGetProperty("reason", out var r) ? r.GetString() : null)
                .ToList();
            rows[reader.GetString(0)["division/".Length..]] = reasons;
        }

        Assert.Equal(codes.Length, rows.Count);
        return rows;
    }

    /// <summary>Townships (9-digit statistical codes) spread over the official list, with their official names.</summary>
    private static Dictionary<string, string> Townships(int count)
    {
        var file = Path.Combine(RepositoryPaths.Root, "silo", "Registry.Hosting", "ReferenceData", "divisions",
            "divisions-2023-streets.csv");
        var rows = File.ReadLines(file).Skip(1)
            .Select(line => line.Split(','))
            .Where(columns => columns.Length == 5)
            .Select(columns => (Code: columns[0], Name: columns[1].Trim('"')))
            .Where(row => row.Code.Length == 9 && !row.Name.Contains('"'))
            .ToList();
        var step = rows.Count / count;
        return Enumerable.Range(0, count).Select(i => rows[i * step]).ToDictionary(row => row.Code, row => row.Name);
    }
}
