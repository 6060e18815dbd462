using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Registry.Storage;
using Registry.Storage.Sqlite;

namespace Registry.Api.Tests.Marriages;

/// <summary>A crash in the middle of many conflicting registrations leaves nobody half-married and nobody married
/// twice, and every acknowledged registration survives it.</summary>
public sealed class RegistrationCrashTests
{
    [Fact]
    public async Task SigkillDuringConflictingRegistrations_LeavesEveryPersonConsistentWithTheStoredRecords()
    {
        var directory = Path.Combine(Path.GetTempPath(), "registry-marriage-crash-" + Guid.NewGuid().ToString("N"));
        var men = Enumerable.Range(0, 24).Select(_ => MarriageApiFixture.Man()).ToList();
        var women = Enumerable.Range(0, 24).Select(_ => MarriageApiFixture.Woman()).ToList();
        var random = new Random(20261123);
        var attempts = Enumerable.Range(0, 400)
            .Select(_ => (Man: men[random.Next(men.Count)], Woman: women[random.Next(women.Count)],
                Office: MarriageApiFixture.NextOffice()))
            .ToList();
        var acknowledged = new List<(string Id, string Man, string Woman)>();
        try
        {
            await using (var first = await ApiProcess.StartAsync(directory))
            {
                using var client = first.Client("registrar.marriage");
                var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var gate = new SemaphoreSlim(32);
                var running = attempts.Select(async attempt =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/marriages")
                        {
                            Content = JsonContent.Create(
                                MarriageApiFixture.Registration(attempt.Man, attempt.Woman, attempt.Office)),
                        };
                        request.Headers.Authorization = new("Bearer", RegistryApiFactory.Token(
                            ["registrar.marriage"], office: attempt.Office));
                        using var response = await client.SendAsync(request);
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
                                .GetProperty("marriageId").GetString()!;
                            lock (acknowledged)
                            {
                                acknowledged.Add((id, attempt.Man, attempt.Woman));
                                if (acknowledged.Count >= 8)
                                {
                                    enough.TrySetResult();
                                }
                            }
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // the process was killed under this request: its outcome is unknown to the client
                    }
                    finally
                    {
                        gate.Release();
                    }
                }).ToList();

                await enough.Task.WaitAsync(TimeSpan.FromMinutes(2));
                await first.KillAsync();
                await Task.WhenAll(running);
            }

            await using var second = await ApiProcess.StartAsync(directory);
            using var registrar = second.Client("registrar.marriage");
            List<(string Id, string Man, string Woman)> survivors;
            lock (acknowledged)
            {
                survivors = [.. acknowledged];
            }

            Assert.NotEmpty(survivors);
            var current = new Dictionary<string, string?>();
            foreach (var person in men.Concat(women))
            {
                var status = JsonDocument.Parse(
                    await registrar.GetStringAsync($"/api/persons/{person}/marital-status")).RootElement;
                var records = status.GetProperty("records").EnumerateArray().ToList();
                Assert.False(status.GetProperty("registrationInProgress").GetBoolean(), person);
                Assert.True(records.Count <= 1, $"{person} has {records.Count} records");
                current[person] = status.TryGetProperty("currentMarriageId", out var id) ? id.GetString() : null;
                Assert.Equal(records.Count == 1 ? "married" : "single", status.GetProperty("status").GetString());
            }

            foreach (var (id, man, woman) in survivors)
            {
                Assert.Equal(id, current[man]);
                Assert.Equal(id, current[woman]);
            }

            // Straight from the file: no person is named by two committed records, and every committed record is
            // the current marriage of both its parties.
            using var store = new SqliteGrainStateStore(Path.Combine(directory, "registry.db"));
            var committed = new List<(string A, string B)>();
            await foreach (var key in store.ListKeysAsync(Grains.StorageNames.Marriage))
            {
                var json = JsonDocument.Parse((await store.ReadAsync(key))!.StateJson).RootElement;
                if (json.GetProperty("record").GetString() == "Registered")
                {
                    committed.Add((json.GetProperty("partyA").GetProperty("idNumber").GetString()!,
                        json.GetProperty("partyB").GetProperty("idNumber").GetString()!));
                }
            }

            var named = committed.SelectMany(c => new[] { c.A, c.B }).ToList();
            Assert.Equal(named.Count, named.Distinct().Count());
            Assert.All(named, person => Assert.NotNull(current[person]));
            Assert.Equal(named.Count, current.Values.Count(v => v is not null));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
