using Orleans.Runtime;
using Registry.Hosting.Divisions;

namespace Registry.Hosting.Places;

/// <summary>
/// Seeds the townships and streets of the shipped list as names in force on a silo's first start, after the division
/// lists and before the silo takes calls (so no claim grain is active while its claim is inserted, and no index
/// partition while its checkpoint is forgotten: each builds from the records when first asked); later starts find the
/// marker and read nothing. Registered when <c>Registry:Seed:PlaceNames</c> is true.
/// </summary>
public sealed class PlaceNameSeedingParticipant(PlaceNameStock stock) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe<PlaceNameSeedingParticipant>(ServiceLifecycleStage.ApplicationServices + 2,
            cancellationToken => stock.SeedTownshipsAsync(DivisionReferenceData.DefaultDirectory, cancellationToken));
}
