using Microsoft.Extensions.DependencyInjection;
using Registry.Api.Places;
using Registry.Grains.Places;

namespace Registry.Api.Tests.Places;

/// <summary>
/// The API process answers searches from its own copy of the place-name index once that is loaded: a name announced
/// through the API is found by the next search (the partition tells the copy before the write returns), also after
/// the bureau clock jumped past the partitions' subscription lifetime (the copy renews and copies again what it
/// missed), and a partition rebuilt from the records is copied again.
/// </summary>
[Collection(PlaceApiCollection.Name)]
public sealed class PlaceNameReplicaTests(PlaceApiFixture fixture)
{
    private const string AdministrativeDivision = "administrative-division";

    private readonly PlaceNameClient api = new(fixture.Factory);

    private PlaceNameReadReplica Replica => fixture.Factory.Services.GetRequiredService<PlaceNameReadReplica>();

    [Fact]
    public async Task LoadedCopy_FindsANameAnnouncedAfterItLoaded()
    {
        await Replica.StartLoading();
        Assert.True(Replica.IsLoaded);

        var id = await AnnouncedTownshipAsync(130);

        await AssertFoundAsync(130, id);
    }

    [Fact]
    public async Task ClockPastTheSubscriptionLifetime_TheCopyRenewsAndFindsWhatItWasNotTold()
    {
        await Replica.StartLoading();
        // The partitions drop a subscription three minutes after it was made by their clock; a change after that is
        // not told to this copy.
        fixture.Factory.Time.Advance(TimeSpan.FromMinutes(4));

        var id = await AnnouncedTownshipAsync(131);

        await AssertFoundAsync(131, id);
    }

    [Fact]
    public async Task RebuiltPartitions_AreCopiedAgain_AndStillFindEveryName()
    {
        await Replica.StartLoading();
        var id = await AnnouncedTownshipAsync(132);

        using var rebuild = await fixture.Factory.ClientWithRoles("admin").PostAsync("/api/place-names/index/rebuild", null);
        await PlaceNameClient.OkAsync(rebuild);

        await AssertFoundAsync(132, id);
        Assert.True(Replica.IsLoaded);
    }

    [Fact]
    public async Task RebuiltPartitions_AreCopiedOnce_HoweverManySearchesFindThemStale()
    {
        await Replica.StartLoading();
        // Renewed now, so no renewal falls due during the searches (the clock stands still) and marks a partition
        // again while it is being copied.
        await Replica.RenewAsync();
        var id = await AnnouncedTownshipAsync(133);
        using var rebuild = await fixture.Factory.ClientWithRoles("admin").PostAsync("/api/place-names/index/rebuild", null);
        await PlaceNameClient.OkAsync(rebuild);
        var before = Replica.PartitionCopies;

        // Searches at once, each finding every rebuilt partition stale (a copy each made 31 copies here before they
        // were shared): they share one copy of each.
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => AssertFoundAsync(133, id))));

        Assert.InRange(Replica.PartitionCopies - before, 1, PlaceNameIndex.PartitionCount);
    }

    /// <summary>An anonymous search by the township's name within its county finds <paramref name="id"/>.</summary>
    private async Task AssertFoundAsync(int n, string id)
    {
        var township = PlaceTestData.Township(n);
        Assert.Contains(id, PlaceNameClient.Ids(await api.SearchAsync(api.Anonymous,
            $"q={Uri.EscapeDataString(township.Name)}&division={township.County}")));
    }

    private async Task<string> AnnouncedTownshipAsync(int n)
    {
        var township = PlaceTestData.Township(n);
        var id = (await api.ProposedAsync(township.Name, AdministrativeDivision, township.Code, PlaceTestData.ChinesePoint(n)))
            .GetProperty("id").GetString()!;
        await api.AnnouncedAsync(id);
        return id;
    }
}
