using Orleans.Runtime;

namespace Registry.Hosting.Spatial;

/// <summary>
/// Seeds the division geometry while the silo starts: in one transaction before it takes calls when it can, otherwise
/// through the grains as soon as it is active (see <see cref="GeometrySeeder"/>).
/// </summary>
public sealed class GeometrySeedingParticipant(GeometrySeeder seeder, IGrainFactory grains)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private bool throughGrains;

    public void Participate(ISiloLifecycle lifecycle)
    {
        // After the division lists are seeded (ApplicationServices), before the silo becomes active.
        lifecycle.Subscribe<GeometrySeedingParticipant>(ServiceLifecycleStage.ApplicationServices + 1,
            async cancellationToken =>
                throughGrains = await seeder.SeedAsync(GeometrySeeder.DefaultDirectory, cancellationToken) is null);
        lifecycle.Subscribe<GeometrySeedingParticipant>(ServiceLifecycleStage.Active, async cancellationToken =>
        {
            if (throughGrains)
            {
                await seeder.SeedThroughGrainsAsync(GeometrySeeder.DefaultDirectory, grains, cancellationToken);
            }
        });
    }
}
