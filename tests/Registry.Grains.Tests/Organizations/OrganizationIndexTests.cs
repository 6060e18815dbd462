using Registry.Abstractions.Organizations;
using Registry.Grains.Indexing;
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

    [Fact]
    public void PieceOf_CodesOfOnePartition_SpreadOverEveryPiece()
    {
        var office = TestCodes.County(77);
        var counts = new int[OrganizationIndex.PieceCount];
        var inPartition = 0;
        for (var i = 0; inPartition < OrganizationIndex.PieceCount * 128; i++)
        {
            var code = TestCodes.Uscc(OrganizationKind.SocialAssociation, office, i);
            if (OrganizationIndex.PartitionOf(code) == 7)
            {
                counts[OrganizationIndex.PieceOf(code)]++;
                inPartition++;
            }
        }

        // 128 codes a piece on average: a uniform spread keeps every piece within 4 standard deviations (about 35%).
        var mean = inPartition / OrganizationIndex.PieceCount;
        Assert.All(counts, count => Assert.InRange(count, mean * 6 / 10, mean * 14 / 10));
    }

    [Fact]
    public void QueryTerms_PostingListsFindExactlyWhatAFullScanFinds()
    {
        var names = new[] { "阳光志愿者协会", "朝阳区慈善基金会", "城市志愿服务协会", "Ｓｕｎｓｈｉｎｅ 志愿者协会", "志愿" };
        var representatives = new[] { "赵六", "张三", "赵 六", "" };
        var entries = new List<OrganizationIndexEntry>();
        for (var i = 0; i < 40; i++)
        {
            var state = CycleTestData.Registered(new DateOnly(2026, 11, 23));
            state.Uscc = TestCodes.Uscc(i % 2 == 0 ? OrganizationKind.Foundation : OrganizationKind.SocialAssociation,
                TestCodes.County(i % 4), 9000 + i);
            state.Kind = i % 2 == 0 ? OrganizationKind.Foundation : OrganizationKind.SocialAssociation;
            state.RegisteringOffice = TestCodes.County(i % 4);
            state.Name = names[i % names.Length] + (i % 3 == 0 ? "" : i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            state.LegalRepresentative = representatives[i % representatives.Length];
            state.Status = i % 5 == 0 ? OrganizationStatus.Deregistered : OrganizationStatus.Active;
            state.Revision = 1;
            entries.Add(OrganizationViews.IndexEntry(state));
        }

        var index = new PostingIndex<OrganizationIndexEntry>(OrganizationIndex.Terms);
        foreach (var entry in entries)
        {
            index.Put(entry.Uscc, entry.Revision, entry);
        }

        var offices = new string?[] { null, TestCodes.County(1), TestCodes.County(1)[..4] + "00", TestCodes.County(1)[..2] + "0000" };
        var fragments = new string?[] { null, "志", "志愿", "阳光志愿", "ｓｈｉｎｅ志", "协会1", "会志", "基金" };
        var people = new string?[] { null, "赵", "赵六", "三", "李" };
        var checkedQueries = 0;
        foreach (var fragment in fragments)
        {
            foreach (var person in people)
            {
                foreach (var office in offices)
                {
                    foreach (var kind in new OrganizationKind?[] { null, OrganizationKind.Foundation })
                    {
                        var query = new OrganizationQuery(fragment, kind, office,
                            checkedQueries % 3 == 0 ? OrganizationStatus.Active : null, null, 0, 100,
                            LegalRepresentative: person);
                        var normalized = OrganizationIndex.Fragment(query);
                        var representative = OrganizationIndex.Representative(query);
                        var scanned = entries.Where(e => OrganizationIndex.Matches(e, query, normalized, representative))
                            .Select(e => e.Uscc).Order().ToList();
                        var posted = index.Matching(OrganizationIndex.QueryTerms(query, normalized, representative))
                            .Where(e => OrganizationIndex.Matches(e, query, normalized, representative))
                            .Select(e => e.Uscc).Order().ToList();
                        Assert.Equal(scanned, posted);
                        checkedQueries++;
                    }
                }
            }
        }

        // The comparison is not vacuous: the queries found organizations, and the roll-up found more than the office.
        Assert.NotEmpty(index.Matching(OrganizationIndex.QueryTerms(
            new OrganizationQuery(null, null, TestCodes.County(1)[..2] + "0000", null, null, 0, 10), null, null)));
        Assert.True(index.Matching(OrganizationIndex.QueryTerms(
                new OrganizationQuery("志愿", null, null, null, null, 0, 10), "志愿", null)).Count > 10);
    }

    [Fact]
    public void Terms_OfficeRollsUpToPrefectureAndProvince_AndRenameDropsTheOldName()
    {
        var state = CycleTestData.Registered(new DateOnly(2026, 11, 23));
        state.Revision = 1;
        var before = OrganizationViews.IndexEntry(state);
        var office = before.RegisteringOffice;
        var index = new PostingIndex<OrganizationIndexEntry>(OrganizationIndex.Terms);
        index.Put(before.Uscc, 1, before);

        IReadOnlyList<OrganizationIndexEntry> Find(string? fragment, string? scope)
        {
            var query = new OrganizationQuery(fragment, null, scope, null, null, 0, 10);
            var normalized = OrganizationIndex.Fragment(query);
            return index.Matching(OrganizationIndex.QueryTerms(query, normalized, null))
                .Where(e => OrganizationIndex.Matches(e, query, normalized, null)).ToList();
        }

        Assert.Single(Find(null, office));
        Assert.Single(Find(null, office[..4] + "00"));
        Assert.Single(Find(null, office[..2] + "0000"));
        Assert.Empty(Find(null, office[..2] == "11" ? "120000" : "110000"));

        var oldFragment = state.Name[..4];
        state.Name = "更名后的慈善基金会";
        state.Revision = 2;
        var after = OrganizationViews.IndexEntry(state);
        index.Put(after.Uscc, 2, after);

        Assert.Empty(Find(oldFragment, null));
        Assert.Single(Find("慈善基金", null));
    }
}
