using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Tests.Persons;

namespace Registry.Grains.Tests.Marriages;

/// <summary>The archive's bulk path (<see cref="IArchiveImportGrain"/>): the same rules as one entry at a time, the
/// records counted for the never-twice rule and a person's status, idempotent, and deferring to the per-record path
/// whatever it does not take itself.</summary>
[Collection(MarriageClusterCollection.Name)]
public sealed class ArchiveImportTests(MarriageClusterFixture fixture)
{
    private static readonly DateOnly Then = new(2020, 6, 1);

    /// <summary>Beijing's civil-affairs bureau, in force on <see cref="Then"/> (an office of the archive; the
    /// counties of <see cref="MarriageClusterFixture.NextOffice"/> may have been established since).</summary>
    public const string Office = "110000";

    public static EnterArchivedMarriage Entry(string man, string woman, string office = Office,
        ArchivedEnd? end = null) =>
        new(office, "A" + Guid.NewGuid().ToString("N").ToUpperInvariant()[..24], Then,
            new MarriageParty(man, "甲" + man[^4..], "中国"), new MarriageParty(woman, "乙" + woman[^4..], "中国"),
            new ArchiveSource("2020-婚-01", "7"))
        {
            Ended = end,
        };

    private IArchiveImportGrain Import => fixture.Grains.GetGrain<IArchiveImportGrain>(0);

    [Fact]
    public async Task EnterBatch_StoresEveryEntry_CountingForStatusAndNeverTwice_AndAgainStoresNothingTwice()
    {
        var office = Office;
        var couples = Enumerable.Range(0, 40).Select(_ => (Man: TestPeople.Man(), Woman: TestPeople.Woman())).ToList();
        var divorce = new ArchivedEnd(ArchivedEndKind.DivorceRegistration, Then.AddYears(2),
            "L" + Guid.NewGuid().ToString("N").ToUpperInvariant()[..20], office, null);
        var entries = couples.Select((c, i) => Entry(c.Man, c.Woman, office, i == 0 ? divorce : null)).ToList();

        var first = await Import.EnterBatchAsync(entries);
        var again = await Import.EnterBatchAsync(entries);

        Assert.All(first.Concat(again), outcome => Assert.Equal(ArchiveEntryResult.Stored, outcome.Result));
        var divorced = await fixture.Person(couples[0].Woman).GetMaritalStatusAsync();
        Assert.Equal(MaritalStatus.Divorced, divorced.Status);
        var married = await fixture.Person(couples[1].Man).GetMaritalStatusAsync();
        Assert.Equal(MaritalStatus.Married, married.Status);
        var record = Assert.Single(married.Records);
        Assert.True(record.FromArchive);
        Assert.Equal(entries[1].RecordId(), record.MarriageId);
        var details = await fixture.Marriage(record.MarriageId).GetAsync();
        Assert.Equal(MarriageEventKind.EnteredFromArchive, Assert.Single(details.History).Kind);

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.RegisterAsync(couples[1].Man, TestPeople.Woman(), MarriageClusterFixture.NextOffice()));
        Assert.Equal("person-already-married", refused.Rule);
        var verified = await fixture.Marriage(record.MarriageId).VerifyCertificateAsync(entries[1].CertificateNumber);
        Assert.Equal(record.MarriageId, verified.MarriageId);
        Assert.Equal(record.MarriageId, await fixture.Grains.GetGrain<ICertificateIndexGrain>(
            entries[1].CertificateKey()).GetMarriageIdAsync());
    }

    [Fact]
    public async Task EnterBatch_PersonReadBeforeTheImport_ReadsMarriedAfterIt()
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var before = await fixture.Person(man).GetMaritalStatusAsync();
        var entry = Entry(man, woman);
        await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Marriage(entry.RecordId()).GetSummaryAsync());

        var outcome = Assert.Single(await Import.EnterBatchAsync([entry]));

        Assert.Equal(MaritalStatus.Single, before.Status);
        Assert.Equal(ArchiveEntryResult.Stored, outcome.Result);
        Assert.Equal(MaritalStatus.Married, (await fixture.Person(man).GetMaritalStatusAsync()).Status);
        Assert.Equal(entry.CertificateNumber,
            (await fixture.Marriage(entry.RecordId()).GetSummaryAsync())
            .CertificateNumber);
    }

    [Fact]
    public async Task EnterBatch_RefusesByTheRules_AndDefersPersonsWithRecordsAndRepeatsToThePerRecordPath()
    {
        var office = MarriageClusterFixture.NextOffice();
        var (married, wife, other) = (TestPeople.Man(), TestPeople.Woman(), TestPeople.Woman());
        await fixture.RegisterAsync(married, wife, office);
        var (man, woman, second) = (TestPeople.Man(), TestPeople.Woman(), TestPeople.Woman());
        var entries = new[]
        {
            Entry(man, woman),
            Entry(man, second),
            Entry(married, other),
            Entry(TestPeople.Man(), TestPeople.Man()),
            Entry(TestPeople.Man(), TestPeople.Woman(), "659011"),
            Entry(TestPeople.Man(), TestPeople.Woman()),
        };

        var outcomes = await Import.EnterBatchAsync(entries);

        Assert.Equal(
            [ArchiveEntryResult.Stored, ArchiveEntryResult.Deferred, ArchiveEntryResult.Deferred,
                ArchiveEntryResult.Rejected, ArchiveEntryResult.Rejected, ArchiveEntryResult.Stored],
            outcomes.Select(o => o.Result));
        Assert.Equal(("parties-not-opposite-sex", "office-not-in-force"), (outcomes[3].Rule, outcomes[4].Rule));

        // The per-record path then refuses the deferred ones by the person's rules: both overlap a marriage.
        foreach (var deferred in new[] { entries[1], entries[2] })
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() =>
                fixture.Marriage(deferred.RecordId()).EnterFromArchiveAsync(deferred));
            Assert.Equal("person-already-married", refused.Rule);
        }

        Assert.Single((await fixture.Person(man).GetMaritalStatusAsync()).Records);
        Assert.Empty((await fixture.Person(other).GetMaritalStatusAsync()).Records);
    }

    [Fact]
    public async Task EnterBatch_ACertificateNumberAnotherRecordHolds_IsRefused_AndNoPartyIsHeld()
    {
        // Certificate numbers are unique across the register (DOMAIN.md): an archive line bearing the number of a
        // marriage registered here is refused before anyone is held, as on the per-record path. The line names the
        // office and year its national-format number says, so only the number's being taken refuses it.
        var registered = await fixture.RegisterAsync(TestPeople.Man(), TestPeople.Woman(), MarriageClusterFixture.NextOffice());
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var entry = Entry(man, woman, registered.Office) with
        {
            CertificateNumber = registered.CertificateNumber,
            RegisteredOn = registered.RegisteredOn,
        };

        var outcomes = await Import.EnterBatchAsync([entry, Entry(TestPeople.Man(), TestPeople.Woman())]);

        Assert.Equal([ArchiveEntryResult.Rejected, ArchiveEntryResult.Stored], outcomes.Select(o => o.Result));
        Assert.Equal("certificate-number-taken", outcomes[0].Rule);
        Assert.Empty((await fixture.Person(man).GetMaritalStatusAsync()).Records);
        Assert.Empty((await fixture.Person(woman).GetMaritalStatusAsync()).Records);
    }
}
