using System.Text.Json;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Marriages;
using Registry.Grains.Marriages;
using Registry.Grains.Tests.Organizations;
using Registry.Grains.Tests.Persons;
using Registry.Storage;

namespace Registry.Grains.Tests.Marriages;

/// <summary>What a marriage record contributes to the offices' day registers, and when an application is due: pure,
/// over the aggregate's state.</summary>
public sealed class OfficeRegisterTests
{
    private static readonly DateOnly Day0 = TestPeople.Today;
    private static readonly string Office = TestPeople.CountyCodes[^1];
    private static readonly string Other = TestPeople.CountyCodes[0];
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8),
        "CST", "CST");

    private readonly MarriageState state = new() { Id = MarriageId.New(DateTimeOffset.UnixEpoch) };
    private readonly string man = TestPeople.Man();
    private readonly string woman = TestPeople.Woman();

    private Marriage On(DateOnly day) =>
        new(state, new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)), day, "registrar-1");

    [Fact]
    public void Of_RegistrationReplacementAndDivorce_EachAtItsOfficeAndDay()
    {
        var command = new RegisterMarriage(Office, new MarriageParty(man, "甲", "中国"),
            new MarriageParty(woman, "乙", "中国"), true, true, true);
        var (a, b) = MarriageRules.ParseParties(command, Day0);
        On(Day0).Register(command, a, b, $"J{Office}-2026-000001");
        var replacing = On(Day0.AddDays(2));
        var (current, kind) = replacing.CertificateToReplace(man);
        replacing.ReplaceCertificate(current, kind, $"BJ{Other}-2026-000001", Other);
        var applying = On(Day0.AddDays(3));
        var application = applying.ApplyForDivorce(
            applying.CheckCanApplyForDivorce(TestDivorces.Application(Office, man, woman)),
            new HolidayCalendar(new HolidayCalendarOptions()));
        var divorceDay = application.CoolingOffEnds.AddDays(1);
        var divorcing = On(divorceDay);
        divorcing.RegisterDivorce(divorcing.CheckCanRegisterDivorce(1, TestDivorces.Registration(Office, man, woman)),
            $"L{Office}-2026-000001");

        var entries = OfficeRegister.Of(state, Beijing);

        Assert.Equal(
        [
            (OfficeDayEntryKind.Registration, Office, Day0, $"J{Office}-2026-000001"),
            (OfficeDayEntryKind.CertificateReplacement, Other, Day0.AddDays(2), $"BJ{Other}-2026-000001"),
            (OfficeDayEntryKind.DivorceRegistration, Office, divorceDay, $"L{Office}-2026-000001"),
            (OfficeDayEntryKind.DivorceApplicationDue, Office, divorceDay, $"{state.Id}-1"),
        ], entries.Select(e => (e.Kind, e.Office, e.Date, e.Reference)));
        Assert.All(entries, e => Assert.Equal((man, woman), (e.PartyAIdNumber, e.PartyBIdNumber)));
        Assert.False(entries[^1].Open);
    }

    [Fact]
    public void IsDueOn_OnlyAnOpenApplicationInsideItsWindow()
    {
        var entry = new OfficeDayEntry(OfficeDayEntryKind.DivorceApplicationDue, Office, Day0.AddDays(31), "m",
            "m-1", man, woman)
        {
            CoolingOffEnds = Day0.AddDays(30),
            LastDayToAppear = Day0.AddDays(60),
            Open = true,
        };

        Assert.Equal([false, true, true, false], new[] { 30, 31, 60, 61 }.Select(d => entry.IsDueOn(Day0.AddDays(d))));
        Assert.False((entry with { Open = false }).IsDueOn(Day0.AddDays(40)));
        Assert.Contains(entry.PartitionKey, OfficeDayEntry.DuePartitionKeys(Office, Day0.AddDays(60)));
    }

    [Fact]
    public void PartitionKey_SpreadsAnOfficesDayOverItsPartitions_ByRecord_TheSameEveryTime()
    {
        var ids = Enumerable.Range(0, 800).Select(i => $"M{i:000000}").ToList();
        var keys = ids.Select(id => new OfficeDayEntry(OfficeDayEntryKind.Registration, Office, Day0, id, "J", man,
            woman).PartitionKey).ToList();

        Assert.Equal(OfficeDayEntry.PartitionKeysOf(Office, Day0).Order(), keys.Distinct().Order());
        Assert.All(keys.GroupBy(k => k), g => Assert.InRange(g.Count(), 50, 150));
        Assert.Equal(keys, ids.Select(id => OfficeDayEntry.KeyOf(Office, Day0, OfficeDayEntry.PartitionOf(id))));
    }

    [Fact]
    public void StoredEntries_LeaveOutTheirComputedPartitionKeys_AndStatesThatHaveThemReadTheSame()
    {
        var register = new OfficeDayEntry(OfficeDayEntryKind.Registration, Office, Day0, "M000001", "J", man, woman);
        var name = new PersonNameEntry($"检索 {TestCodes.NextSerial()}", man, "M000001");

        var registerJson = JsonSerializer.Serialize(register, RegistryJson.StateOptions);
        var nameJson = JsonSerializer.Serialize(name, RegistryJson.StateOptions);

        Assert.DoesNotContain("partitionKey", registerJson, StringComparison.Ordinal);
        Assert.DoesNotContain("partitionKey", nameJson, StringComparison.Ordinal);
        Assert.Equal(register, JsonSerializer.Deserialize<OfficeDayEntry>(
            registerJson.Insert(1, "\"partitionKey\":\"x/2026-01-01/0\","), RegistryJson.StateOptions));
        Assert.Equal(name, JsonSerializer.Deserialize<PersonNameEntry>(
            nameJson.Insert(1, "\"partitionKey\":\"X#0\","), RegistryJson.StateOptions));
    }
}
