using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Marriages;
using Registry.Grains.Persons;

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
        Assert.StartsWith("李娜#", entries[1].PartitionKey, StringComparison.Ordinal);
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

    [Fact]
    public void KeyOf_IgnoresSurroundingAndRepeatedSpaceAndLatinCase() =>
        Assert.Equal(PersonNameEntry.KeyOf("JANE ROE"), PersonNameEntry.KeyOf("  jane   Roe "));

    [Fact]
    public void Of_AnAbortedRecord_ContributesNothing() =>
        Assert.Empty(PersonNameIndex.Of(new MarriageState { Record = MarriageRecordStatus.Aborted }));
}
