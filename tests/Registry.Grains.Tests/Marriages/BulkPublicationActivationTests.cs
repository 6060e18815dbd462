using Orleans.Runtime;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains;
using Registry.Grains.Tests.Organizations;
using Registry.Grains.Tests.Persons;

namespace Registry.Grains.Tests.Marriages;

/// <summary>
/// A bulk publication (the outbox relay's for an archive import) reaches each person-name partition and office-day
/// register once a batch: neither may stay in memory after it has stored what it was sent, or a national import holds
/// every partition it touched (issue 12's memory bound while the registry loads). What they stored reads back.
/// </summary>
[Collection(OrganizationClusterCollection.Name)]
public sealed class BulkPublicationActivationTests(OrganizationClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(Timeout = 90_000)]
    public async Task ApplyManyAsync_OnceStored_LetsThePartitionGo_AndItsEntriesReadBack()
    {
        var name = $"批量{TestCodes.NextSerial()}";
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var marriage = $"bulk-{TestCodes.NextSerial()}";
        var nameEntry = new PersonNameEntry(name, man, marriage);
        var office = TestCodes.AnyCounty();
        var registerEntry = new OfficeDayEntry(OfficeDayEntryKind.Registration, office, TestPeople.Today, marriage,
            "J" + marriage, man, woman);
        var recordKey = $"marriage:{marriage}";

        await fixture.Grains.GetGrain<IPersonNameIndexGrain>(nameEntry.PartitionKey)
            .ApplyManyAsync(new Dictionary<string, List<PersonNameEntry>> { [recordKey] = [nameEntry] });
        await fixture.Grains.GetGrain<IOfficeRegisterGrain>(registerEntry.PartitionKey)
            .ApplyManyAsync(new Dictionary<string, List<OfficeDayEntry>> { [recordKey] = [registerEntry] });

        // Without a release they would stay for the collection age (15 minutes): the timeout fails the test first.
        await fixture.Deactivations.AllDeactivatedAsync([
            GrainId.Create(StorageNames.PersonNameIndex, nameEntry.PartitionKey),
            GrainId.Create(StorageNames.OfficeRegister, registerEntry.PartitionKey),
        ]).WaitAsync(Ct);

        Assert.Equal([nameEntry],
            await fixture.Grains.GetGrain<IPersonNameIndexGrain>(nameEntry.PartitionKey).GetEntriesAsync());
        Assert.Equal([registerEntry],
            await fixture.Grains.GetGrain<IOfficeRegisterGrain>(registerEntry.PartitionKey).GetEntriesAsync());
    }
}
