using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Abstractions.Persons;
using Registry.Grains.Persons;
using Registry.Grains.Publishing;
using Registry.Storage;

namespace Registry.Grains.Tests.Persons;

/// <summary>A search's reading of a stored person-name partition (<see cref="PersonNameSearchPartition"/>): exactly the
/// names and documents of the state a partition grain stores, in its order, without the rest.</summary>
public sealed class PersonNameSearchPartitionTests
{
    [Fact]
    public void Read_WhatAPartitionStores_GivesEachEntrysNameAndDocumentInTheStoredOrder()
    {
        var (man, woman, other) = (TestPeople.Man(), TestPeople.Woman(), TestPeople.Woman());
        var state = new RecordEntriesState<PersonNameEntry>();
        state.ByRecord["marriage:m1"] = [new PersonNameEntry("李娜", other, "m1")];
        state.ByRecord["marriage:m2"] = [new PersonNameEntry("李娜", woman, "m2"), new PersonNameEntry("李娜娜", woman, "m2")];
        state.ByRecord["marriage:m3"] = [new PersonNameEntry("张伟", man, "m3")];

        var read = Read(JsonSerializer.Serialize(state, RegistryJson.StateOptions));

        Assert.False(read.Split);
        Assert.Equal(state.All().Select(e => (e.Name, e.DocumentKey)), read.Entries);
        // The name repeated from one entry to the next is one string, not made again.
        Assert.Same(read.Entries[0].Name, read.Entries[1].Name);
    }

    [Fact]
    public void Read_AStateWrittenBeforeEntriesLostTheirPartitionKey_AndASplitOne()
    {
        var woman = TestPeople.Woman();
        var entry = new PersonNameEntry("李娜", woman, "m1");
        var stored = JsonNode.Parse(JsonSerializer.Serialize(
            new RecordEntriesState<PersonNameEntry> { ByRecord = { ["marriage:m1"] = [entry] } },
            RegistryJson.StateOptions))!;
        stored["byRecord"]!["marriage:m1"]![0]!["partitionKey"] = entry.PartitionKey;

        Assert.Equal([("李娜", woman)], Read(stored.ToJsonString()).Entries);

        var split = Read(JsonSerializer.Serialize(new RecordEntriesState<PersonNameEntry> { Split = true },
            RegistryJson.StateOptions));
        Assert.True(split.Split);
        Assert.Empty(split.Entries);
    }

    [Fact]
    public void EntriesOf_ASplitPartition_GivesItsChildrensEntries()
    {
        var (first, second) = (TestPeople.Man(), TestPeople.Man());
        const string partition = "张伟#3";
        var children = PartitionSplits.ChildrenOf(partition).ToList();
        var stored = new Dictionary<string, PersonNameSearchPartition>
        {
            [partition] = Read("""{"byRecord":{},"split":true}"""),
            [children[0]] = Read(Stored(new PersonNameEntry("张伟", first, "m1"))),
            [children[^1]] = Read(Stored(new PersonNameEntry("张伟", second, "m2"))),
        };

        Assert.Equal([("张伟", first), ("张伟", second)],
            EntriesOf(partition, stored));
        Assert.Empty(EntriesOf("张伟#4", stored));
    }

    [Theory]
    [InlineData("""{"byRecord":{"marriage:m1":[{"name":"李娜"}]}}""")]
    [InlineData("""{"byRecord":{"marriage:m1":{"name":"李娜"}}}""")]
    [InlineData("""[]""")]
    public void Read_AMalformedPartition_IsRefused(string json) =>
        Assert.Throws<JsonException>(() => Read(json));

    private static IEnumerable<(string Name, string DocumentKey)> EntriesOf(string partition,
        Dictionary<string, PersonNameSearchPartition> stored) =>
        PartitionSplits.EntriesOf(partition, stored.GetValueOrDefault, p => p.Split, p => p.Entries);

    private static string Stored(PersonNameEntry entry) => JsonSerializer.Serialize(
        new RecordEntriesState<PersonNameEntry> { ByRecord = { [$"marriage:{entry.MarriageId}"] = [entry] } },
        RegistryJson.StateOptions);

    private static PersonNameSearchPartition Read(string json) =>
        JsonSerializer.Deserialize<PersonNameSearchPartition>(json, RegistryJson.StateOptions)!;
}
