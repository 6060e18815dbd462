using System.Text.Json;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Marriages;
using Registry.Grains.Persons;
using Registry.Grains.Publishing;
using Registry.Storage;

namespace Registry.Grains.Tests.Persons;

/// <summary>What a marriage record contributes to the person-name index: pure, over the aggregate's state.</summary>
public sealed class PersonNameIndexTests
{
    [Fact]
    public void Of_EachPartyUnderTheRegisteredNameAndEveryCorrectedOne()
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var office = TestPeople.CountyCodes[^1];
        var state = new MarriageState { Id = MarriageId.New(DateTimeOffset.UnixEpoch) };
        var day = TestPeople.Today;
        var marriage = new Marriage(state, new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)),
            day, "registrar-1");
        var command = new RegisterMarriage(office, new MarriageParty(man, "张伟", "中国"),
            new MarriageParty(woman, " 李娜 ", "中国"), true, true, true);
        var (a, b) = MarriageRules.ParseParties(command, day);
        marriage.Register(command, a, b, $"J{office}-2026-000001");
        marriage.RecordJudgment(new CourtJudgment(CourtJudgmentKind.Correction, "某人民法院", "(2026)更字1号", day,
            "更正姓名", woman, "李娜娜", null));

        var entries = PersonNameIndex.Of(state);

        Assert.Equal([("张伟", man), ("李娜", woman), ("李娜娜", woman)],
            entries.Select(e => (e.Name, e.DocumentKey)));
        Assert.All(entries, e => Assert.Equal(state.Id, e.MarriageId));
        Assert.Contains(entries[1].PartitionKey, PersonNameEntry.PartitionKeysOf("李娜"));
        Assert.StartsWith("李娜@", entries[1].PartitionKey, StringComparison.Ordinal);
    }

    [Fact]
    public void PartitionKey_SpreadsOneNamesBearersOverItsPartitions_ByDocument_TheSameEveryTime()
    {
        var documents = Enumerable.Range(0, 1_600).Select(_ => TestPeople.Man()).ToList();
        var keys = documents.Select(d => new PersonNameEntry("张伟", d, "m").PartitionKey).ToList();

        Assert.Equal(PersonNameEntry.PartitionKeysOf(" 张伟 ").Order(), keys.Distinct().Order());
        Assert.All(keys.GroupBy(k => k), g => Assert.InRange(g.Count(), 50, 150));
        Assert.Equal(keys, documents.Select(d => new PersonNameEntry("张伟", d, "other").PartitionKey));
    }

    /// <summary>A name's partitions follow the page keys (a search's order): the n-th holds the documents whose page
    /// key starts with the n-th hexadecimal digit, so every document of one partition comes before every document of
    /// the next.</summary>
    [Fact]
    public void PartitionKey_IsTheSixteenthOfPageKeysTheDocumentFallsIn()
    {
        var partitions = PersonNameEntry.PartitionKeysOf("张伟").ToList();
        var documents = Enumerable.Range(0, 400).Select(_ => TestPeople.Woman())
            .OrderBy(PersonSearchAnswer.PageKeyOf, StringComparer.Ordinal)
            .ToList();

        var shares = documents.Select(d => partitions.IndexOf(new PersonNameEntry("张伟", d, "m").PartitionKey)).ToList();

        Assert.Equal(documents.Select(d => Convert.ToInt32(PersonSearchAnswer.PageKeyOf(d)[..1], 16)), shares);
        Assert.Equal(shares.Order(), shares);
        Assert.Equal(Enumerable.Range(0, 16).Select(n => $"张伟@{n:x}"), partitions);
    }

    [Fact]
    public void KeyOf_IgnoresSurroundingAndRepeatedSpaceAndLatinCase() =>
        Assert.Equal(PersonNameEntry.KeyOf("JANE ROE"), PersonNameEntry.KeyOf("  jane   Roe "));

    [Fact]
    public void Of_AnAbortedRecord_ContributesNothing() =>
        Assert.Empty(PersonNameIndex.Of(new MarriageState { Record = MarriageRecordStatus.Aborted }));

    private static RecordEntriesState<PersonNameEntry> Partition(bool split, params string[] records)
    {
        var state = new RecordEntriesState<PersonNameEntry> { Split = split };
        foreach (var record in records)
        {
            state.ByRecord[$"marriage:{record}"] = [new PersonNameEntry("甲", TestPeople.Woman(), record)];
        }

        return state;
    }

    [Fact]
    public void Outgrows_OnlyANewRecordWithEntries_WhenThePartitionIsFull()
    {
        var full = Partition(false, Enumerable.Range(0, PartitionSplits.MaxRecords).Select(i => $"r{i}").ToArray());
        var entry = new PersonNameEntry("甲", TestPeople.Woman(), "new");

        Assert.True(PartitionSplits.Outgrows(full, "marriage:new", [entry]));
        Assert.False(PartitionSplits.Outgrows(full, "marriage:r0", [entry]));
        Assert.False(PartitionSplits.Outgrows(full, "marriage:new", Array.Empty<PersonNameEntry>()));
        Assert.False(PartitionSplits.Outgrows(Partition(false, "r0"), "marriage:new", [entry]));
        Assert.True(PartitionSplits.Outgrows(full,
            new Dictionary<string, List<PersonNameEntry>> { ["marriage:new"] = [entry] }));
        Assert.False(PartitionSplits.Outgrows(full,
            new Dictionary<string, List<PersonNameEntry>> { ["marriage:r1"] = [entry] }));
    }

    [Fact]
    public void EntriesOf_ASplitPartitionsChildren_AndNotTheLeftoversOfASplitCutShort()
    {
        var stored = new Dictionary<string, RecordEntriesState<PersonNameEntry>>
        {
            ["甲#0"] = Partition(true),
            ["甲#0.3"] = Partition(false, "a", "b"),
            ["甲#0.9"] = Partition(true),
            ["甲#0.9.1"] = Partition(false, "c"),
            // A split of 甲#1 cut short: its child holds a copy of its record, and is not read.
            ["甲#1"] = Partition(false, "d"),
            ["甲#1.5"] = Partition(false, "d"),
        };

        RecordEntriesState<PersonNameEntry>? Lookup(string key) => stored.GetValueOrDefault(key);

        Assert.Equal(["a", "b", "c"], PartitionSplits.EntriesOf("甲#0", Lookup).Select(e => e.MarriageId));
        Assert.Equal(["d"], PartitionSplits.EntriesOf("甲#1", Lookup).Select(e => e.MarriageId));
        Assert.Empty(PartitionSplits.EntriesOf("甲#2", Lookup));
    }

    [Fact]
    public void Split_IsStoredOnlyWhenTrue_SoAPartitionThatNeverSplitStoresWhatItStoredBefore()
    {
        var unsplit = JsonSerializer.Serialize(Partition(false, "a"), RegistryJson.StateOptions);
        var split = JsonSerializer.Serialize(Partition(true), RegistryJson.StateOptions);

        Assert.DoesNotContain("Split", unsplit, StringComparison.Ordinal);
        Assert.True(JsonSerializer.Deserialize<RecordEntriesState<PersonNameEntry>>(split,
            RegistryJson.StateOptions)!.Split);
    }

    /// <summary>A partition split before splits chose their children's hash (stored without one) still routes by the
    /// low bits it split by; one split since stores the mixed hash.</summary>
    [Fact]
    public void ChildHash_IsTheLowBits_InAPartitionStoredWithoutOne_AndStoredWhenMixed()
    {
        var before = JsonSerializer.Serialize(Partition(true), RegistryJson.StateOptions);
        var since = Partition(true);
        since.Children = ChildHash.Mixed;

        Assert.DoesNotContain("Children", before, StringComparison.Ordinal);
        Assert.Equal(ChildHash.LowBits, JsonSerializer.Deserialize<RecordEntriesState<PersonNameEntry>>(before,
            RegistryJson.StateOptions)!.Children);
        Assert.Equal(ChildHash.Mixed, JsonSerializer.Deserialize<RecordEntriesState<PersonNameEntry>>(
            JsonSerializer.Serialize(since, RegistryJson.StateOptions), RegistryJson.StateOptions)!.Children);
    }
}
