using Orleans.Runtime;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Statistics;
using Registry.Grains.Organizations;
using Registry.Grains.Tests.Divisions;
using Registry.Grains.Tests.Persons;

namespace Registry.Grains.Tests.Organizations;

/// <summary>
/// An import of a bureau's existing records enters hundreds of thousands in a row, each once: neither a record's
/// activation, nor its name claim's, nor a read-model partition a bulk publication reached may stay in memory after
/// it has stored its part (issue 12's memory bound while a national registry loads). Each release is awaited as the
/// silo reports it (<see cref="DeactivationWitness"/>); without it the activations would stay for their collection
/// age (2 to 15 minutes), and the test's timeout fails first.
/// </summary>
[Collection(OrganizationClusterCollection.Name)]
public sealed class ImportActivationTests(OrganizationClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 90_000)]
    public async Task ImportAsync_OnceStoredAndPublished_LetsTheRecordAndItsNameClaimGo_AndTheRecordReadsBack()
    {
        var rows = Enumerable.Range(0, 24).Select(_ => Row()).ToList();

        foreach (var row in rows)
        {
            Assert.Equal(ImportOutcome.Imported,
                await fixture.Grains.GetGrain<IOrganizationGrain>(row.Uscc).ImportAsync(row));
        }

        var records = rows.Select(r => GrainId.Create(StorageNames.OrganizationGrainType, r.Uscc));
        var claims = rows.Select(r => GrainId.Create(StorageNames.OrganizationNameGrainType,
            OrganizationNames.ClaimKey(r.RegisteringOffice, r.Name))).ToHashSet();
        var released = records.Concat(claims).ToHashSet();

        await fixture.Deactivations.AllDeactivatedAsync(released).WaitAsync(Ct);

        // The name claims are asked by nothing else, so none is back. A record may be: the outbox relay's call for its
        // import write can come after the import let it go (it then goes again once published), as can the day's
        // deadline sweep; the witness above is what shows each record went.
        var statistics = await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        Assert.DoesNotContain(statistics, s => claims.Contains(s.GrainId));
        var again = await fixture.Grains.GetGrain<IOrganizationGrain>(rows[0].Uscc).GetAsync();
        Assert.Equal((rows[0].Name, OrganizationStatus.Active), (again.Name, again.Status));
        Assert.Equal(ImportOutcome.AlreadyStored,
            await fixture.Grains.GetGrain<IOrganizationGrain>(rows[1].Uscc).ImportAsync(rows[1]));
    }

    /// <summary>The outbox relay's call for an import write can come after the import let the record go (the relay
    /// claimed its row before the import told the outbox it had published): the activation that call makes goes again
    /// once it has published, instead of staying for the collection age (five minutes, past this test's timeout).</summary>
    [Fact(Timeout = 90_000)]
    public async Task RelayPublication_OfAnImportedRecordThatWent_LetsItsNewActivationGoToo()
    {
        var row = Row();
        var record = GrainId.Create(StorageNames.OrganizationGrainType, row.Uscc);
        await fixture.Grains.GetGrain<IOrganizationGrain>(row.Uscc).ImportAsync(row);
        await fixture.Deactivations.AllDeactivatedAsync([record]).WaitAsync(Ct);

        var goneAgain = fixture.Deactivations.NextDeactivationAsync(record);
        await fixture.Grains.GetGrain<IPublishingGrain>(record).PublishAsync();

        await goneAgain.WaitAsync(Ct);
        Assert.Equal(row.Name, (await fixture.Grains.GetGrain<IOrganizationGrain>(row.Uscc).GetAsync()).Name);
    }

    [Fact(Timeout = 90_000)]
    public async Task BulkPublication_OnceStored_LetsEachPartitionGo_AndWhatItStoredReadsBack()
    {
        var name = $"批量{TestCodes.NextSerial()}";
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var marriage = $"bulk-{TestCodes.NextSerial()}";
        var nameEntry = new PersonNameEntry(name, man, marriage);
        var office = TestCodes.AnyCounty();
        var registerEntry = new OfficeDayEntry(OfficeDayEntryKind.Registration, office, TestPeople.Today, marriage,
            "J" + marriage, man, woman);
        var recordKey = $"marriage:{marriage}";
        var fact = new StatisticsFact($"{recordKey}#1", StatisticsFigures.MarriageRegistrations, office,
            TestPeople.Today);
        var month = StatisticsKeys.Partition(office, TestPeople.Today);

        await fixture.Grains.GetGrain<IPersonNameIndexGrain>(nameEntry.PartitionKey)
            .ApplyManyAsync(new Dictionary<string, List<PersonNameEntry>> { [recordKey] = [nameEntry] });
        await fixture.Grains.GetGrain<IOfficeRegisterGrain>(registerEntry.PartitionKey)
            .ApplyManyAsync(new Dictionary<string, List<OfficeDayEntry>> { [recordKey] = [registerEntry] });
        await fixture.Grains.GetGrain<IStatisticsPartitionGrain>(month).ApplyBulkAsync([fact]);

        await fixture.Deactivations.AllDeactivatedAsync([
            GrainId.Create(StorageNames.PersonNameIndex, nameEntry.PartitionKey),
            GrainId.Create(StorageNames.OfficeRegister, registerEntry.PartitionKey),
            GrainId.Create(StorageNames.StatisticsPartition, month),
        ]).WaitAsync(Ct);

        Assert.Equal([nameEntry],
            await fixture.Grains.GetGrain<IPersonNameIndexGrain>(nameEntry.PartitionKey).GetEntriesAsync());
        Assert.Equal([registerEntry],
            await fixture.Grains.GetGrain<IOfficeRegisterGrain>(registerEntry.PartitionKey).GetEntriesAsync());
        var counts = await fixture.Grains.GetGrain<IStatisticsPartitionGrain>(month).GetCountsAsync();
        Assert.Equal(1, counts.Days[StatisticsFigures.MarriageRegistrations][TestPeople.Today.Day - 1]);
    }

    private static ImportOrganization Row()
    {
        var office = TestCodes.AnyCounty();
        var serial = TestCodes.NextSerial();
        return new ImportOrganization(TestCodes.Uscc(OrganizationKind.SocialAssociation, office, serial),
            $"社区书画协会{serial}", OrganizationKind.SocialAssociation, office, EditionChanges.Latest.CutOff, "孙八",
            OrganizationStatus.Active, null, $"existing-register.csv line {serial}");
    }
}
