using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;

namespace Registry.Grains.Tests.Organizations;

public sealed class LocalOrganizationPartitionsTests
{
    private static readonly OrganizationQuery Everything = new(null, null, null, null, null, 0, 20);

    [Fact]
    public void Unregister_OfAnEarlierActivation_KeepsTheReaderOfTheLaterOne()
    {
        var local = new LocalOrganizationPartitions();
        var earlier = new OrganizationPartition();
        var later = new OrganizationPartition();
        LocalOrganizationPartitions.Reader readEarlier = earlier.Search;
        LocalOrganizationPartitions.Reader readLater = later.Search;
        later.Put(new OrganizationIndexEntry("51110101MJ0000000X", "later", "LATER", OrganizationKind.Foundation,
            "110101", OrganizationStatus.Active, [], 1));

        local.Register(3, readEarlier);
        local.Register(3, readLater);
        local.Unregister(3, readEarlier);

        Assert.True(local.TryGet(3, out var reader));
        Assert.Equal(1, reader(Everything).Total);
        Assert.False(local.TryGet(4, out _));

        local.Unregister(3, readLater);
        Assert.False(local.TryGet(3, out _));
    }
}
