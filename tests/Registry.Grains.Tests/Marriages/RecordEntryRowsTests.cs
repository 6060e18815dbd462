using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Publishing;
using Registry.Grains.Tests.Persons;
using Registry.Storage;

namespace Registry.Grains.Tests.Marriages;

/// <summary>A registration's office-register and person-name entries stored as the record's own rows
/// (<see cref="RecordEntryRows"/>), and read back through the partitions and the name search.</summary>
[Collection(MarriageClusterCollection.Name)]
public sealed class RecordEntryRowsTests(MarriageClusterFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RegisterAsync_StoresItsRegisterAndNameEntriesAsRows_NotInThePartitionsStates()
    {
        var (man, woman, office) = (TestPeople.Man(), TestPeople.Woman(), MarriageClusterFixture.NextOffice());
        var command = MarriageClusterFixture.Registration(man, woman, office);
        var id = MarriageId.New(fixture.Time.GetUtcNow());

        var registration = await fixture.Marriage(id).RegisterAsync(command);

        var partition = OfficeDayEntry.KeyOf(office, registration.RegisteredOn, OfficeDayEntry.PartitionOf(id));
        var partitionState = await fixture.Store.ReadAsync(Key(StorageNames.OfficeRegister, partition), Ct);
        var row = await fixture.Store.ReadAsync(
            Key(StorageNames.OfficeRegister, RecordEntryRows.KeyOf(partition, $"marriage:{id}")), Ct);
        Assert.False(partitionState?.StateJson.Contains(id, StringComparison.Ordinal) ?? false);
        Assert.Contains(registration.CertificateNumber, row?.StateJson ?? "", StringComparison.Ordinal);
        var entries = await fixture.Grains.GetGrain<IOfficeRegisterGrain>(partition).GetEntriesAsync();
        Assert.Equal(registration.CertificateNumber, Assert.Single(entries, e => e.MarriageId == id).Reference);

        var nameEntry = new PersonNameEntry(command.PartyA.Name, man, id);
        var nameRow = await fixture.Store.ReadAsync(
            Key(StorageNames.PersonNameIndex, RecordEntryRows.KeyOf(nameEntry.PartitionKey, $"marriage:{id}")), Ct);
        Assert.Contains(id, nameRow?.StateJson ?? "", StringComparison.Ordinal);
        var found = await fixture.Grains.GetGrain<IPersonSearchGrain>(0).SearchAsync(command.PartyA.Name, 10);
        Assert.Contains(found.Persons, p => p.Status.IdNumber == man);
        Assert.Contains(nameEntry, await fixture.Grains.GetGrain<IPersonNameIndexGrain>(nameEntry.PartitionKey)
            .GetEntriesAsync());
    }

    [Fact]
    public void Merge_ARecordsRow_ReplacesWhatThePartitionsStateHoldsForIt()
    {
        var partition = new RecordEntriesState<string>();
        partition.ByRecord["marriage:a"] = ["a-old"];
        partition.ByRecord["marriage:b"] = ["b"];
        var row = new RecordEntriesState<string>();
        row.ByRecord["marriage:a"] = ["a-new", "a-more"];
        var other = new RecordEntriesState<string>();
        other.ByRecord["marriage:c"] = ["c"];

        Assert.Equal(["a-new", "a-more", "b", "c"], RecordEntryRows.Merge(partition, [row, other]));
        Assert.Equal(["c"], RecordEntryRows.Merge<string>(null, [other]));
        Assert.Equal("x/y/marriage:a", RecordEntryRows.KeyOf("x/y", "marriage:a"));
        Assert.Equal("x/y", RecordEntryRows.PartitionOf(RecordEntryRows.KeyOf("x/y", "marriage:a")));
    }

    [Fact]
    public void IsRow_OnlyAStateHoldingTheOneRecordItsKeyEndsIn()
    {
        var row = new RecordEntriesState<string>();
        row.ByRecord["marriage:a"] = ["a"];
        var partition = new RecordEntriesState<string>();
        partition.ByRecord["marriage:a"] = ["a"];
        partition.ByRecord["marriage:b"] = ["b"];

        Assert.True(RecordEntryRows.IsRow("person-name-index/甲#3/marriage:a", row));
        // Another name's partition whose key continues this partition's (a name "甲#3/乙").
        Assert.False(RecordEntryRows.IsRow("person-name-index/甲#3/乙#5", row));
        Assert.False(RecordEntryRows.IsRow("person-name-index/甲#3/marriage:a", partition));
        Assert.False(RecordEntryRows.IsRow<string>("person-name-index/甲#3/marriage:a", null));
    }

    private static GrainStateKey Key(string stateName, string key) =>
        new(stateName, GrainId.Create(stateName, key).ToString());
}
