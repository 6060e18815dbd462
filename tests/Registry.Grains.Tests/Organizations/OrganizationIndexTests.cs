using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;

namespace Registry.Grains.Tests.Organizations;

public sealed class OrganizationIndexTests
{
    [Fact]
    public void PartitionOf_CodesOfOneOffice_SpreadOverEveryPartitionWithoutAHotSpot()
    {
        var office = TestCodes.County(120);
        var counts = new int[OrganizationIndex.PartitionCount];
        const int codes = 32_000;
        for (var i = 0; i < codes; i++)
        {
            counts[OrganizationIndex.PartitionOf(TestCodes.Uscc(OrganizationKind.SocialAssociation, office, i))]++;
        }

        var mean = codes / OrganizationIndex.PartitionCount;
        Assert.All(counts, count => Assert.InRange(count, mean * 8 / 10, mean * 12 / 10));
    }

    [Fact]
    public void PartitionOf_IsStable()
    {
        var code = TestCodes.Uscc(OrganizationKind.Foundation, TestCodes.County(5), 12345);

        Assert.Equal(OrganizationIndex.PartitionOf(code), OrganizationIndex.PartitionOf(new string(code.ToCharArray())));
        Assert.InRange(OrganizationIndex.PartitionOf(code), 0, OrganizationIndex.PartitionCount - 1);
    }

    [Fact]
    public void Matches_NameFragmentIgnoresWidthCaseAndSpaces_AndFiltersCombine()
    {
        var state = CycleTestData.Registered(new DateOnly(2026, 11, 23));
        state.Name = "Ｓｕｎｓｈｉｎｅ 志愿者协会";
        var entry = OrganizationViews.IndexEntry(state);

        bool Match(OrganizationQuery query) => OrganizationIndex.Matches(entry, query, OrganizationIndex.Fragment(query),
            OrganizationIndex.Representative(query));

        Assert.True(Match(new OrganizationQuery("shine志愿", null, null, null, null, 0, 10)));
        Assert.True(Match(new OrganizationQuery(null, OrganizationKind.SocialAssociation, state.RegisteringOffice,
            OrganizationStatus.Active, null, 0, 10)));
        Assert.False(Match(new OrganizationQuery("基金", null, null, null, null, 0, 10)));
        Assert.False(Match(new OrganizationQuery(null, OrganizationKind.Foundation, null, null, null, 0, 10)));
        Assert.False(Match(new OrganizationQuery(null, null, null, OrganizationStatus.Deregistered, null, 0, 10)));
        Assert.False(Match(new OrganizationQuery(null, null, null, null, OrganizationList.Abnormal, 0, 10)));
    }
}
