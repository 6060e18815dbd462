using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Tests.Organizations;
using Registry.Grains.Tests.Persons;
using Registry.Storage;

namespace Registry.Grains.Tests.Marriages;

[Collection(MarriageClusterCollection.Name)]
public sealed class PersonGrainTests(MarriageClusterFixture fixture)
{
    [Fact]
    public async Task IssueMarriageRecordExtractAsync_PersonWithoutRecords_IsNumberedStoredAndLogged()
    {
        var person = TestPeople.Woman();
        var office = MarriageClusterFixture.NextOffice();

        var extract = await MarriageClusterFixture.AsUser("clerk-extract",
            () => fixture.Person(person).IssueMarriageRecordExtractAsync(office));

        Assert.Matches($"^Z{office}-{fixture.Today.Year}-[0-9]{{6}}$", extract.Number);
        Assert.Equal((person, office, fixture.Today, "clerk-extract", MaritalStatus.Single),
            (extract.IdNumber, extract.Office, extract.IssuedOn, extract.IssuedBy, extract.Status));
        Assert.Empty(extract.Records);
        var stored = await fixture.Grains.GetGrain<IMarriageRecordExtractGrain>(extract.Number).GetAsync();
        Assert.Equal((extract.IdNumber, extract.IssuedAt, 0), (stored.IdNumber, stored.IssuedAt, stored.Records.Count));
        var entries = await LoggedReadsOfAsync(person);
        Assert.Contains(entries, e => e.SubjectIdNumber == person && e.Action == "marriage-record-extract"
            && e.Actor == "clerk-extract" && e.RecordId == extract.Number);
    }

    [Fact]
    public async Task IssueMarriageRecordExtractAsync_WidowedPerson_ListsTheEndedRecordAndTwoExtractsDiffer()
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var office = MarriageClusterFixture.NextOffice();
        var id = (await fixture.RegisterAsync(man, woman, office)).MarriageId;
        await fixture.Marriage(id).RecordDeathAsync(new RecordDeath(woman, fixture.Today,
            DeathProof.DeathCertificate, "死亡证明-" + woman[^4..], "某医院"));

        var first = await fixture.Person(man).IssueMarriageRecordExtractAsync(office);
        var second = await fixture.Person(man).IssueMarriageRecordExtractAsync(office);

        Assert.Equal(MaritalStatus.Widowed, first.Status);
        var record = Assert.Single(first.Records);
        Assert.Equal((id, MarriageStatus.EndedByDeath, woman, false),
            (record.MarriageId, record.Status, record.SpouseIdNumber, record.FromArchive));
        Assert.NotEqual(first.Number, second.Number);
    }

    [Fact]
    public async Task GetAsync_OfAnExtractNeverIssued_IsExtractNotFound()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Grains
            .GetGrain<IMarriageRecordExtractGrain>($"Z{MarriageClusterFixture.NextOffice()}-1999-000001").GetAsync());

        Assert.Equal((DomainErrorKind.NotFound, "extract-not-found"), (error.Kind, error.Rule));
    }

    [Fact]
    public async Task GetMaritalStatusAsync_IsWrittenToTheAccessLogWithWhoWhenAndWhat()
    {
        var person = TestPeople.Man();
        var before = fixture.Time.GetUtcNow();

        await MarriageClusterFixture.AsUser("clerk-read", () => fixture.Person(person).GetMaritalStatusAsync());

        var entry = Assert.Single(await LoggedReadsOfAsync(person));
        Assert.Equal(("clerk-read", "marital-status"), (entry.Actor, entry.Action));
        Assert.True(entry.At >= before);
    }

    [Fact]
    public async Task GetAsync_OfAMarriage_LogsAReadOfEachParty()
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var id = (await fixture.RegisterAsync(man, woman, MarriageClusterFixture.NextOffice())).MarriageId;

        await MarriageClusterFixture.AsUser("clerk-marriage", () => fixture.Marriage(id).GetAsync());

        foreach (var person in new[] { man, woman })
        {
            var entry = Assert.Single(await LoggedReadsOfAsync(person));
            Assert.Equal(("clerk-marriage", "marriage-record", id), (entry.Actor, entry.Action, entry.RecordId));
        }
    }

    [Fact]
    public async Task GetMaritalStatusAsync_MalformedKey_IsInvalid()
    {
        var valid = TestPeople.Man();
        var corrupted = valid[..17] + "0123456789X".First(c => c != valid[17]);

        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Person(corrupted).GetMaritalStatusAsync());

        Assert.Equal((DomainErrorKind.Invalid, "id-number-check-character"), (error.Kind, error.Rule));
    }

    [Fact]
    public async Task LinkToPersonAsync_CutShortWhileTheOtherRecordTakesItOver_RefusesHoldsUntilAskedAgain()
    {
        // Her earlier card (a number since corrected) names a marriage that ended by his death; the corrected card
        // names none. The corrected record's write times out while it takes the earlier one over, and commits late.
        var (earlier, corrected, spouse) = (TestPeople.Woman(), TestPeople.Woman(), TestPeople.Man());
        var office = MarriageClusterFixture.NextOffice();
        var id = (await fixture.RegisterAsync(spouse, earlier, office)).MarriageId;
        await fixture.Marriage(id).RecordDeathAsync(new RecordDeath(spouse, fixture.Today,
            DeathProof.DeathCertificate, "死亡证明-" + spouse[^4..], "某医院"));
        var target = new GrainStateKey(Grains.StorageNames.Person,
            GrainId.Create(Grains.StorageNames.PersonGrainType, corrected).ToString());
        fixture.Store.DelayNextWrite(target);

        await Assert.ThrowsAnyAsync<Exception>(() =>
            fixture.Person(earlier).LinkToPersonAsync(corrected, "ID number corrected (test)"));

        // Meanwhile no registration is decided on the earlier card's half of her history.
        var refused = await Assert.ThrowsAsync<DomainException>(() => fixture.RegisterAsync(TestPeople.Man(), earlier,
            MarriageClusterFixture.NextOffice()));
        Assert.Equal((DomainErrorKind.Conflict, "person-being-linked"), (refused.Kind, refused.Rule));
        Assert.Equal(corrected, (await fixture.Person(earlier).GetMaritalStatusAsync()).BeingLinkedTo);

        // The write lands; asked again, the link completes, and either card reads one widowed person.
        Assert.True(await fixture.Store.LandAsync(target));
        await fixture.Person(earlier).LinkToPersonAsync(corrected, "ID number corrected (test)");
        foreach (var card in new[] { earlier, corrected })
        {
            var status = await fixture.Person(card).GetMaritalStatusAsync();
            Assert.Equal((corrected, MaritalStatus.Widowed, id), (status.IdNumber, status.Status,
                Assert.Single(status.Records).MarriageId));
            Assert.Equal([earlier], status.Documents);
            Assert.Null(status.BeingLinkedTo);
        }

        // The link asked twice is one entry, the marriage it brought counted; the earlier card answers the history
        // of the record it leads to.
        foreach (var card in new[] { earlier, corrected })
        {
            var history = await fixture.Person(card).GetHistoryAsync();
            Assert.Equal(corrected, history.IdNumber);
            Assert.Equal([(PersonEventKind.DocumentLinked, earlier, 1, "ID number corrected (test)")],
                history.Events.Select(e => (e.Kind, e.Document, e.MarriageRecords, e.Reason)));
        }

        // And she may marry again, by either card: the record is held as one person.
        await fixture.RegisterAsync(TestPeople.Man(), earlier, MarriageClusterFixture.NextOffice());
        var twice = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.RegisterAsync(TestPeople.Man(), corrected, MarriageClusterFixture.NextOffice()));
        Assert.Equal("person-already-married", twice.Rule);
    }

    [Fact]
    public async Task LinkToPersonAsync_OfARecordWithDocumentsOfItsOwn_BringsThemAlong()
    {
        // A renewed card was linked to her married record; that record is then found to be a second record of a
        // woman registered under another number: linked there, both earlier documents lead to the one person.
        var (renewed, married, person) = (TestPeople.Woman(), TestPeople.Woman(), TestPeople.Woman());
        var id = (await fixture.RegisterAsync(TestPeople.Man(), married, MarriageClusterFixture.NextOffice())).MarriageId;
        await fixture.Person(renewed).LinkToPersonAsync(married, "renewed card (test)");

        await fixture.Person(married).LinkToPersonAsync(person, "two numbers of one person (test)");

        foreach (var card in new[] { renewed, married, person })
        {
            var status = await fixture.Person(card).GetMaritalStatusAsync();
            Assert.Equal((person, MaritalStatus.Married, id), (status.IdNumber, status.Status, status.CurrentMarriageId));
            Assert.Equal([married, renewed], status.Documents);
        }

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.RegisterAsync(TestPeople.Man(), renewed, MarriageClusterFixture.NextOffice()));
        Assert.Equal("person-already-married", refused.Rule);
    }

    [Fact]
    public async Task UnlinkFromPersonAsync_CutShortWhileThePersonLetsGo_LosesNothingAndCompletesWhenAskedAgain()
    {
        // A card linked in error to a woman's record, then married with: the marriage is held on her record.
        var (hers, card) = (TestPeople.Woman(), TestPeople.Woman());
        await fixture.Person(card).LinkToPersonAsync(hers, "linked in error (test)");
        var id = (await fixture.RegisterAsync(TestPeople.Man(), card, MarriageClusterFixture.NextOffice())).MarriageId;
        var person = new GrainStateKey(Grains.StorageNames.Person,
            GrainId.Create(Grains.StorageNames.PersonGrainType, hers).ToString());
        fixture.Store.DelayNextWrite(person);

        await Assert.ThrowsAnyAsync<Exception>(() => fixture.Person(card).UnlinkFromPersonAsync(hers, "error (test)"));

        var refused = await Assert.ThrowsAsync<DomainException>(() => fixture.RegisterAsync(TestPeople.Man(), card,
            MarriageClusterFixture.NextOffice()));
        Assert.Equal("person-being-linked", refused.Rule);

        // The write lands; until the undo is asked again, the card's status says it is being undone.
        Assert.True(await fixture.Store.LandAsync(person));
        var meanwhile = await fixture.Person(card).GetMaritalStatusAsync();
        Assert.Equal((hers, hers), (meanwhile.IdNumber, meanwhile.BeingUnlinkedFrom));

        // A search by name answers it as the card's grain does, from storage.
        var name = $"撤销{TestCodes.NextSerial()}";
        var entry = new PersonNameEntry(name, card, $"u-{card}");
        await fixture.Grains.GetGrain<IPersonNameIndexGrain>(entry.PartitionKey).ApplyAsync($"marriage:u-{card}", [entry]);
        var found = await fixture.Grains.GetGrain<IPersonSearchGrain>(0).SearchAsync(name, 50);
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(meanwhile),
            System.Text.Json.JsonSerializer.Serialize(Assert.Single(found.Persons).Status));
        await fixture.Person(card).UnlinkFromPersonAsync(hers, "error (test)");
        var cards = await fixture.Person(card).GetMaritalStatusAsync();
        Assert.Equal((card, MaritalStatus.Married, id), (cards.IdNumber, cards.Status, cards.CurrentMarriageId));
        Assert.Null(cards.BeingUnlinkedFrom);

        // Each side's history has the link and its undo once, though the undo was asked twice.
        Assert.Equal([(PersonEventKind.LinkedTo, hers, 0), (PersonEventKind.UnlinkedFrom, hers, 1)],
            (await fixture.Person(card).GetHistoryAsync()).Events.Select(e => (e.Kind, e.Document, e.MarriageRecords)));
        Assert.Equal([(PersonEventKind.DocumentLinked, card, 0), (PersonEventKind.DocumentUnlinked, card, 1)],
            (await fixture.Person(hers).GetHistoryAsync()).Events.Select(e => (e.Kind, e.Document, e.MarriageRecords)));
        var herStatus = await fixture.Person(hers).GetMaritalStatusAsync();
        Assert.Equal((MaritalStatus.Single, 0, 0), (herStatus.Status, herStatus.Records.Count,
            herStatus.Documents.Count));
        await fixture.RegisterAsync(TestPeople.Man(), hers, MarriageClusterFixture.NextOffice());
    }

    private async Task<IReadOnlyList<AccessLogEntry>> LoggedReadsOfAsync(string person)
    {
        var now = fixture.Time.GetUtcNow();
        var page = await fixture.Grains.GetGrain<IAccessLogGrain>(0)
            .SearchAsync(new AccessLogSearch(now.AddDays(-1), now.AddDays(1), person, null, null, 100));
        Assert.All(page.Entries, e => Assert.Equal(person, e.SubjectIdNumber));
        return page.Entries;
    }
}
