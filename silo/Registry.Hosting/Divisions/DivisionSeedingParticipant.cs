using Orleans.Runtime;

namespace Registry.Hosting.Divisions;

/// <summary>Seeds the shipped division editions while the silo starts, before it accepts grain calls.</summary>
public sealed class DivisionSeedingParticipant(DivisionSeeder seeder) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<DivisionSeedingParticipant>(ServiceLifecycleStage.ApplicationServices,
            cancellationToken => seeder.SeedAsync(cancellationToken));
}
