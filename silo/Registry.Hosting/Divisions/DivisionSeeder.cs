using System.Text.Json;
using Microsoft.Extensions.Logging;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Divisions;
using Registry.Grains;
using Registry.Storage;

namespace Registry.Hosting.Divisions;

/// <summary>
/// Stores the official division lists where no division state exists yet. Runs before the silo takes calls, so no
/// activation can observe a half-seeded hierarchy; re-running inserts nothing and never overwrites a renamed,
/// merged or abolished division.
/// </summary>
public sealed class DivisionSeeder(IGrainStateStore store, TimeProvider time, ILogger<DivisionSeeder> logger)
{
    private const int BatchSize = 5_000;

    public async Task<int> SeedAsync(string directory, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var recorded = new DivisionEvent(1, DivisionEventKind.Recorded, null, now, AuditScope.SystemActor,
            $"Recorded from {DivisionReferenceData.Source}", null, null, null);
        var states = DivisionReferenceData.Load(directory, recorded);

        await store.InitializeAsync(cancellationToken);
        logger.LogInformation("Seeding {Count} divisions from {Directory}", states.Count, directory);
        var inserted = 0;
        for (var offset = 0; offset < states.Count; offset += BatchSize)
        {
            var batch = states
                .Skip(offset)
                .Take(BatchSize)
                .Select(state => new SeedState(KeyOf(state.Code), JsonSerializer.Serialize(state, RegistryJson.StateOptions)))
                .ToList();
            inserted += await store.InsertMissingAsync(batch, cancellationToken);
            logger.LogInformation("Divisions: {Done}/{Total} checked, {Inserted} new", offset + batch.Count,
                states.Count, inserted);
        }

        return inserted;
    }

    /// <summary>The storage key Orleans uses for the division grain with this code.</summary>
    public static GrainStateKey KeyOf(string code) =>
        new(StorageNames.Division, GrainId.Create(StorageNames.DivisionGrainType, code).ToString());
}
