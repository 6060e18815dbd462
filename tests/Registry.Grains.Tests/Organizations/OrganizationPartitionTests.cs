using System.Buffers.Binary;
using System.IO.Compression;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Organizations;
using Registry.Grains.Indexing;
using Registry.Grains.Organizations;

namespace Registry.Grains.Tests.Organizations;

/// <summary>
/// The partition's fast paths (a total counted over the posting lists, a page read off the name order) answer
/// exactly what confirming and ordering every candidate answers. Entries are real township names (the shipped 2023
/// list) under their real counties, so names share the bigrams real names share.
/// </summary>
public sealed class OrganizationPartitionTests
{
    private static readonly Lazy<IReadOnlyList<OrganizationIndexEntry>> entries = new(BuildEntries);

    private static IReadOnlyList<OrganizationIndexEntry> BuildEntries()
    {
        var townships = ReferenceDivisions.All
            .Where(d => d.Level == DivisionLevel.Township && d.ParentCode is { Length: 6 })
            .Take(3_000)
            .ToList();
        var counties = ReferenceDivisions.All.Where(d => d.Level == DivisionLevel.County)
            .ToDictionary(d => d.Code, d => d.Name);
        return townships.Select((t, i) =>
        {
            var kind = (OrganizationKind)(i % 3 + 1);
            var first17 = "5" + UnifiedSocialCreditCode.KindDigit(kind) + t.ParentCode + $"{i:000000000}";
            var uscc = first17 + TestCodes.Check(first17);
            var status = (i % 10) switch { < 7 => OrganizationStatus.Active, < 9 => OrganizationStatus.Deregistered, _ => OrganizationStatus.Revoked };
            var representative = counties.GetValueOrDefault(t.ParentCode!, t.Name);
            return new OrganizationIndexEntry(uscc, t.Name, OrganizationNames.Normalize(t.Name), kind, t.ParentCode!,
                status, [], 1, OrganizationNames.Normalize(representative));
        }).ToList();
    }

    private static OrganizationPartition Filled()
    {
        Assert.Equal(3_000, entries.Value.Count);
        var partition = new OrganizationPartition();
        foreach (var entry in entries.Value)
        {
            partition.Put(entry);
        }

        return partition;
    }

    /// <summary>What confirming every entry and sorting the matches answers: the reference.</summary>
    private static OrganizationPage Reference(OrganizationQuery query) => Reference(entries.Value, query);

    private static OrganizationPage Reference(IEnumerable<OrganizationIndexEntry> all, OrganizationQuery query)
    {
        var fragment = OrganizationIndex.Fragment(query);
        var representative = OrganizationIndex.Representative(query);
        var matches = all.Where(e => OrganizationIndex.Matches(e, query, fragment, representative))
            .Order(OrganizationIndex.Order(query))
            .ToList();
        return new OrganizationPage(matches.Count, matches.Take(query.Skip + query.Take).ToList());
    }

    public static TheoryData<string?, OrganizationKind?, string?, OrganizationStatus?, string?, int> Queries()
    {
        var first = entries.Value[0];
        var rare = entries.Value[^1];
        return new()
        {
            { null, null, null, null, null, 20 },                                       // everything: the name order
            { null, null, null, OrganizationStatus.Active, null, 20 },                  // dense: read off the order
            { null, OrganizationKind.Foundation, null, OrganizationStatus.Revoked, null, 20 },
            { null, null, first.RegisteringOffice[..2] + "0000", null, null, 50 },      // office with those below
            { null, null, first.RegisteringOffice[..4] + "00", OrganizationStatus.Active, null, 20 },
            { null, null, rare.RegisteringOffice[..4] + "00", null, null, 20 },        // a prefecture's own order
            { null, OrganizationKind.PrivateNonEnterprise, rare.RegisteringOffice[..2] + "0000", OrganizationStatus.Deregistered, null, 3 },
            { null, OrganizationKind.Foundation, null, null, null, 100 },               // kind alone: the name order
            { null, null, null, OrganizationStatus.Revoked, null, 100 },                // the status's own order
            { null, null, first.RegisteringOffice, null, null, 20 },                    // a county: intersected
            { first.SearchName[..1], null, null, null, null, 20 },                       // one character
            { first.SearchName[..2], null, null, null, null, 20 },                       // one bigram: exact
            { first.SearchName[..3], null, null, null, null, 20 },                       // bigrams to confirm
            { rare.SearchName, OrganizationKind.SocialAssociation, null, null, null, 5 },
            { null, null, null, null, first.SearchLegalRepresentative[..2], 20 },
            { null, null, null, OrganizationStatus.Active, first.SearchLegalRepresentative, 20 },
            { null, null, null, null, null, 0 },
            { "不在任何名称中", null, null, null, null, 20 },
        };
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Search_AnswersAsConfirmingEveryEntry(string? fragment, OrganizationKind? kind, string? office,
        OrganizationStatus? status, string? representative, int take)
    {
        var partition = Filled();
        foreach (var skip in new[] { 0, 7 })
        {
            var query = new OrganizationQuery(fragment, kind, office, status, null, skip, take,
                LegalRepresentative: representative);

            var page = partition.Search(query);
            var expected = Reference(query);

            Assert.Equal(expected.Total, page.Total);
            Assert.Equal(expected.Items.Select(e => e.Uscc), page.Items.Select(e => e.Uscc));
        }
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Search_OfAPartitionRestoredFromItsSnapshot_AnswersAsTheOriginal(string? fragment, OrganizationKind? kind,
        string? office, OrganizationStatus? status, string? representative, int take)
    {
        var original = Filled();
        // Listings, a report year, an empty legal representative and a rename (a document put twice) in the image too.
        var listed = entries.Value[5] with
        {
            Listings = [new Listing(OrganizationList.Abnormal, "未按时年检", 2025, new DateOnly(2026, 7, 1))],
            NextReportYear = 2026,
            Revision = 2,
        };
        var renamed = entries.Value[9] with
        {
            Name = entries.Value[10].Name + "协会",
            SearchName = OrganizationNames.Normalize(entries.Value[10].Name + "协会"),
            SearchLegalRepresentative = "",
            Revision = 2,
        };
        Assert.True(original.Put(listed));
        Assert.True(original.Put(renamed));
        var restored = new OrganizationPartition();

        Assert.True(OrganizationIndexSnapshot.TryRead(OrganizationIndexSnapshot.Write(original), restored));

        Assert.Equal(original.Count, restored.Count);
        foreach (var entry in original.All)
        {
            var back = restored.All.Single(e => e.Uscc == entry.Uscc);
            Assert.Equal(entry with { Listings = [] }, back with { Listings = [] });
            Assert.Equal(entry.Listings, back.Listings);
        }

        foreach (var query in new[]
                 {
                     new OrganizationQuery(fragment, kind, office, status, null, 0, take, LegalRepresentative: representative),
                     new OrganizationQuery(fragment, kind, office, status, null, 7, take, LegalRepresentative: representative),
                     new OrganizationQuery(fragment, kind, office, status, OrganizationList.Abnormal, 0, take,
                         LegalRepresentative: representative),
                 })
        {
            var expected = original.Search(query);
            var page = restored.Search(query);
            Assert.Equal(expected.Total, page.Total);
            Assert.Equal(expected.Items.Select(e => e.Uscc), page.Items.Select(e => e.Uscc));
        }

        // Restored, the partition takes puts as the original does.
        var moved = listed with { Status = OrganizationStatus.Revoked, Revision = 3 };
        Assert.True(original.Put(moved));
        Assert.True(restored.Put(moved));
        var revoked = new OrganizationQuery(null, null, null, OrganizationStatus.Revoked, null, 0, 500);
        Assert.Equal(original.Search(revoked).Items.Select(e => e.Uscc), restored.Search(revoked).Items.Select(e => e.Uscc));
    }

    [Fact]
    public void Snapshot_DamagedOrOfAnotherFormat_IsNotRead_AndLeavesThePartitionEmpty()
    {
        var image = OrganizationIndexSnapshot.Write(Filled());
        var otherFormat = (byte[])image.Clone();
        otherFormat[0]++;
        var restored = new OrganizationPartition();

        Assert.False(OrganizationIndexSnapshot.TryRead(image[..^1], restored));
        Assert.Equal(0, restored.Count);
        Assert.False(OrganizationIndexSnapshot.TryRead([.. image, 0], restored));
        Assert.False(OrganizationIndexSnapshot.TryRead(otherFormat, restored));
        Assert.False(OrganizationIndexSnapshot.TryRead(image[..(image.Length / 2)], restored));
        Assert.Equal(0, restored.Count);
        Assert.True(OrganizationIndexSnapshot.TryRead(image, restored));
        Assert.Equal(3_000, restored.Count);
    }

    [Fact]
    public void Snapshot_AsStored_IsPackedSmaller_AndReadAsTheImageItself()
    {
        var original = Filled();
        var image = OrganizationIndexSnapshot.Write(original);
        var packed = IndexImage.Pack(image);
        var restored = new OrganizationPartition();

        Assert.True(packed.Length < image.Length / 2, $"{image.Length} bytes packed in {packed.Length}");
        Assert.Same(packed, IndexImage.Pack(packed)); // packing what is packed changes nothing
        Assert.Equal(image, IndexImage.Unpack(packed));
        Assert.Same(image, IndexImage.Unpack(image)); // an image stored before images were packed is read as it is
        Assert.True(IndexImage.IsOf(packed, OrganizationIndexSnapshot.Format, OrganizationIndexSnapshot.EntryVersion));
        Assert.False(IndexImage.IsOf(packed, OrganizationIndexSnapshot.Format + 1, OrganizationIndexSnapshot.EntryVersion));
        Assert.True(OrganizationIndexSnapshot.TryRead(packed, restored));
        Assert.Equal(original.All.OrderBy(e => e.Uscc).Select(e => e with { Listings = [] }),
            restored.All.OrderBy(e => e.Uscc).Select(e => e with { Listings = [] }));
    }

    [Fact]
    public void Snapshot_PackedAndDamaged_IsNotRead_AndLeavesThePartitionEmpty()
    {
        var packed = IndexImage.Pack(OrganizationIndexSnapshot.Write(Filled()));
        var flipped = (byte[])packed.Clone();
        flipped[packed.Length / 2] ^= 0x5A; // inside the LZ4 block: the block or the image's hash fails
        var longer = (byte[])packed.Clone();
        longer[12]++; // the image's length, claimed one byte longer than the block holds
        var shorter = (byte[])packed.Clone();
        shorter[12]--; // one byte shorter: the block holds more than claimed
        var hash = (byte[])packed.Clone();
        hash[20] ^= 1; // the image's hash: the block unpacks whole, but to another image
        var restored = new OrganizationPartition();

        // Cut anywhere: within the block (packed[..^1]), the image's hash (packed[..24]), or the lengths before it.
        foreach (var damaged in new[] { flipped, longer, shorter, hash, packed[..^1], packed[..^4], packed[..^100],
                     packed[..24], packed[..18], packed[..10] })
        {
            Assert.Null(IndexImage.Unpack(damaged));
            Assert.False(OrganizationIndexSnapshot.TryRead(damaged, restored));
            Assert.Equal(0, restored.Count);
        }

        Assert.True(OrganizationIndexSnapshot.TryRead(packed, restored));
        Assert.Equal(3_000, restored.Count);
    }

    [Fact]
    public void Snapshot_PackedByZlib_AsStoredBeforeLz4_IsStillRead_AndItsDamageFound()
    {
        var original = Filled();
        var image = OrganizationIndexSnapshot.Write(original);
        var deflated = Deflated(image);
        var flipped = (byte[])deflated.Clone();
        flipped[deflated.Length / 2] ^= 0x5A;
        var restored = new OrganizationPartition();

        Assert.Equal(image, IndexImage.Unpack(deflated));
        Assert.True(IndexImage.IsOf(deflated, OrganizationIndexSnapshot.Format, OrganizationIndexSnapshot.EntryVersion));
        Assert.Same(deflated, IndexImage.Pack(deflated)); // stored as it is until the next snapshot
        foreach (var damaged in new[] { flipped, deflated[..^1], deflated[..^4], deflated[..20] })
        {
            Assert.Null(IndexImage.Unpack(damaged));
        }

        Assert.True(OrganizationIndexSnapshot.TryRead(deflated, restored));
        Assert.Equal(original.All.OrderBy(e => e.Uscc).Select(e => e with { Listings = [] }),
            restored.All.OrderBy(e => e.Uscc).Select(e => e with { Listings = [] }));
    }

    /// <summary>An image packed as snapshots were stored on 2026-12-06 before LZ4: the mark "\xFFRIZ", the image's
    /// header, its length, the zlib stream's length, then the stream.</summary>
    private static byte[] Deflated(byte[] image)
    {
        using var stream = new MemoryStream();
        using (var zlib = new ZLibStream(stream, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(image);
        }

        var body = stream.ToArray();
        var packed = new byte[20 + body.Length];
        new byte[] { 0xFF, (byte)'R', (byte)'I', (byte)'Z' }.CopyTo(packed, 0);
        image.AsSpan(0, 8).CopyTo(packed.AsSpan(4));
        BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(12), image.Length);
        BinaryPrimitives.WriteInt32LittleEndian(packed.AsSpan(16), body.Length);
        body.CopyTo(packed, 20);
        return packed;
    }

    [Fact]
    public void Search_AfterRenamesAndStatusChanges_FollowsTheNewNameOrder()
    {
        var partition = Filled();
        var active = partition.Search(new OrganizationQuery(null, null, null, OrganizationStatus.Active, null, 0, 10));
        var renamed = active.Items[0] with
        {
            Name = entries.Value[^1].Name + "基金会",
            SearchName = OrganizationNames.Normalize(entries.Value[^1].Name + "基金会"),
            Revision = 2,
        };
        var ended = active.Items[1] with { Status = OrganizationStatus.Deregistered, Revision = 2 };

        Assert.True(partition.Put(renamed));
        Assert.True(partition.Put(ended));
        Assert.False(partition.Put(active.Items[2] with { Status = OrganizationStatus.Revoked, Revision = 1 }));

        var now = entries.Value.Select(e => e.Uscc == renamed.Uscc ? renamed : e.Uscc == ended.Uscc ? ended : e).ToList();
        foreach (var query in new[]
                 {
                     new OrganizationQuery(null, null, null, OrganizationStatus.Active, null, 0, 10),
                     new OrganizationQuery(null, null, null, null, null, 0, 10),
                     new OrganizationQuery(renamed.SearchName[..2], null, null, null, null, 0, 10),
                     new OrganizationQuery(renamed.SearchName, null, null, null, null, 0, 10),
                     // Filter searches, answered from counters and orders the puts moved.
                     new OrganizationQuery(null, ended.Kind, null, OrganizationStatus.Deregistered, null, 0, 10),
                     new OrganizationQuery(null, null, ended.RegisteringOffice[..4] + "00", OrganizationStatus.Deregistered, null, 0, 10),
                     new OrganizationQuery(null, renamed.Kind, renamed.RegisteringOffice[..2] + "0000", OrganizationStatus.Active, null, 0, 10),
                     new OrganizationQuery(null, null, null, OrganizationStatus.Revoked, null, 0, 10),
                 })
        {
            var page = partition.Search(query);
            var expected = Reference(now, query);
            Assert.Equal(expected.Total, page.Total);
            Assert.Equal(expected.Items.Select(e => e.Uscc), page.Items.Select(e => e.Uscc));
        }

        Assert.Equal(active.Total - 1,
            partition.Search(new OrganizationQuery(null, null, null, OrganizationStatus.Active, null, 0, 10)).Total);
        Assert.Contains(partition.Search(new OrganizationQuery(renamed.SearchName, null, null, null, null, 0, 10)).Items,
            e => e.Uscc == renamed.Uscc);
        Assert.Equal(entries.Value.Count, partition.Count);
    }

    [Fact]
    public void Merge_PagesOfEveryPartition_AnswerAsTheWholeRegisterOrdered()
    {
        // Some entries on the abnormal list (dates repeat, so the code breaks ties), for the list order too.
        var all = entries.Value.Select((e, i) => i % 5 != 0 ? e : e with
        {
            Listings = [new Listing(OrganizationList.Abnormal, "no-report", 2024, new DateOnly(2025, 7, 1).AddDays(i % 40))],
        }).ToList();
        var partitions = Enumerable.Range(0, OrganizationIndex.PartitionCount).Select(_ => new OrganizationPartition()).ToList();
        foreach (var entry in all)
        {
            partitions[OrganizationIndex.PartitionOf(entry.Uscc)].Put(entry);
        }

        Assert.All(partitions, p => Assert.InRange(p.Count, 1, all.Count / 4));
        var first = all[0];
        foreach (var query in new[]
                 {
                     new OrganizationQuery(null, null, null, null, null, 0, 20),
                     new OrganizationQuery(null, null, null, null, null, 45, 20),
                     new OrganizationQuery(null, null, null, OrganizationStatus.Active, null, 7, 50),
                     new OrganizationQuery(null, OrganizationKind.Foundation, null, OrganizationStatus.Revoked, null, 0, 20),
                     new OrganizationQuery(null, null, first.RegisteringOffice[..4] + "00", null, null, 3, 10),
                     new OrganizationQuery(first.SearchName[..2], null, null, null, null, 0, 20),
                     new OrganizationQuery(null, null, null, null, OrganizationList.Abnormal, 0, 20),
                     new OrganizationQuery(null, null, null, null, OrganizationList.Abnormal, 33, 20),
                     new OrganizationQuery(null, null, null, null, null, 2_990, 20),                // past the end
                     new OrganizationQuery("不在任何名称中", null, null, null, null, 0, 20),
                     new OrganizationQuery(null, null, null, null, null, 0, 0),
                 })
        {
            var perPartition = query with { Skip = 0, Take = query.Skip + query.Take };
            var pages = partitions.Select(p => p.Search(perPartition)).ToList();

            var merged = OrganizationIndex.Merge(pages, query);
            var expected = Reference(all, query);

            Assert.Equal(expected.Total, merged.Total);
            Assert.Equal(expected.Items.Skip(query.Skip).Select(e => e.Uscc), merged.Items.Select(e => e.Uscc));
        }
    }
}
