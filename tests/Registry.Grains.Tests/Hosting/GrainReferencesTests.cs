using Registry.Abstractions.Divisions;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Health;
using Registry.Abstractions.Persons;

namespace Registry.Grains.Tests.Hosting;

/// <summary>The cached references are the ones Orleans makes, and they reach the same grains.</summary>
[Collection(RegistryClusterCollection.Name)]
public sealed class GrainReferencesTests(RegistryClusterFixture fixture)
{
    [Theory]
    [InlineData("110101")]
    [InlineData("310101")]
    public async Task StringKey_SameReferenceAsGetGrain_AndReachesTheGrain(string code)
    {
        var ours = (GrainReference)(object)fixture.Grains.Get<IDivisionGrain>(code);
        var orleans = (GrainReference)(object)fixture.Grains.GetGrain<IDivisionGrain>(code);

        Assert.Equal(orleans.GrainId, ours.GrainId);
        Assert.Equal(orleans.InterfaceType, ours.InterfaceType);
        Assert.Equal(code, (await ((IDivisionGrain)ours).GetAsync(DateOnly.FromDateTime(fixture.Time.GetUtcNow().UtcDateTime))).Code);
    }

    [Fact]
    public void DifferentInterfaces_KeepTheirOwnTypes()
    {
        var division = (GrainReference)(object)fixture.Grains.Get<IDivisionGrain>("110101");
        var person = (GrainReference)(object)fixture.Grains.Get<IPersonGrain>("110101");

        Assert.NotEqual(division.GrainId.Type, person.GrainId.Type);
        Assert.NotEqual(division.InterfaceType, person.InterfaceType);
        Assert.Equal(((GrainReference)(object)fixture.Grains.GetGrain<IPersonGrain>("110101")).GrainId,
            person.GrainId);
    }

    [Fact]
    public async Task IntegerKey_SameReferenceAsGetGrain_AndReachesTheGrain()
    {
        var ours = (GrainReference)(object)fixture.Grains.Get<IHealthGrain>(7);
        var orleans = (GrainReference)(object)fixture.Grains.GetGrain<IHealthGrain>(7);

        Assert.Equal(orleans.GrainId, ours.GrainId);
        Assert.Equal(orleans.InterfaceType, ours.InterfaceType);
        Assert.False(string.IsNullOrEmpty(await ((IHealthGrain)ours).CheckStorageAsync()));
    }
}
