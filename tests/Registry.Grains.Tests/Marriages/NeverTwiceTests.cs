using System.Text.Json;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Tests.Persons;
using Registry.Storage;
using Orleans.Core.Internal;
using Registry.Storage.Sqlite;

namespace Registry.Grains.Tests.Marriages;

/// <summary>A person is never registered twice, under any interleaving, and a registration cut short leaves nobody
/// half-married.</summary>
[Collection(MarriageClusterCollection.Name)]
public sealed class NeverTwiceTests(MarriageClusterFixture fixture)
{
    private const int Contenders = 64;

    /// <summary>Every stored marriage record, read straight from the SQLite file, as (record status, party
    /// ids).</summary>
    private async Task<List<(string Record, string A, string B, string GrainId)>> StoredMarriagesAsync()
    {
        using var store = new SqliteGrainStateStore(fixture.DatabasePath);
        var rows = new List<(string, string, string, string)>();
        await foreach (var key in store.ListKeysAsync(Grains.StorageNames.Marriage))
        {
            var stored = await store.ReadAsync(key);
            var json = JsonDocument.Parse(stored!.StateJson).RootElement;
            rows.Add((json.GetProperty("record").GetString()!,
                json.GetProperty("partyA").GetProperty("idNumber").GetString()!,
                json.GetProperty("partyB").GetProperty("idNumber").GetString()!, key.GrainId));
        }

        return rows;
    }

    /// <summary>The person's stored state, or null when nothing was ever stored for them.</summary>
    private async Task<string?> StoredPersonAsync(string idNumber)
    {
        using var store = new SqliteGrainStateStore(fixture.DatabasePath);
        var key = new GrainStateKey(Grains.StorageNames.Person,
            GrainId.Create(Grains.StorageNames.PersonGrainType, idNumber).ToString());
        return (await store.ReadAsync(key))?.StateJson;
    }

    private static async Task<(MarriageRegistration? Done, DomainException? Refused)> Attempt(
        Task<MarriageRegistration> registration)
    {
        try
        {
            return (await registration, null);
        }
        catch (DomainException e)
        {
            return (null, e);
        }
    }

    [Fact]
    public async Task ConcurrentRegistrationsOfOnePersonAcrossOffices_ExactlyOneSucceedsAndRecordsAgree()
    {
        var man = TestPeople.Man();
        var women = Enumerable.Range(0, Contenders).Select(_ => TestPeople.Woman()).ToList();
        var offices = women.Select(_ => MarriageClusterFixture.NextOffice()).ToList();

        // All started before any is awaited; half name the man first, half second, so reservations are taken in both
        // argument orders.
        var attempts = women.Select((woman, i) => Attempt(i % 2 == 0
                ? fixture.RegisterAsync(man, woman, offices[i])
                : fixture.RegisterAsync(woman, man, offices[i])))
            .ToList();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Done is not null).Done!;
        Assert.All(results.Where(r => r.Refused is not null), r =>
            Assert.Contains(r.Refused!.Rule, new[] { "registration-in-progress", "person-already-married" }));
        Assert.Equal(Contenders - 1, results.Count(r => r.Refused is not null));

        var status = await fixture.Person(man).GetMaritalStatusAsync();
        Assert.Equal(MaritalStatus.Married, status.Status);
        Assert.Equal(winner.MarriageId, status.CurrentMarriageId);
        Assert.Equal(winner.MarriageId, Assert.Single(status.Records).MarriageId);
        Assert.False(status.RegistrationInProgress);
        var wife = women.Single(w => status.Records[0].SpouseIdNumber == w);
        foreach (var woman in women)
        {
            var hers = await fixture.Person(woman).GetMaritalStatusAsync();
            Assert.Equal(woman == wife ? MaritalStatus.Married : MaritalStatus.Single, hers.Status);
            Assert.False(hers.RegistrationInProgress);
        }

        var stored = (await StoredMarriagesAsync()).Where(m => m.A == man || m.B == man).ToList();
        var committed = Assert.Single(stored, m => m.Record == "Registered");
        Assert.EndsWith(winner.MarriageId, committed.GrainId, StringComparison.Ordinal);
        Assert.All(stored.Where(m => m != committed), m => Assert.Equal("Aborted", m.Record));
    }

    [Fact]
    public async Task ConcurrentRegistrationsOfTheSameCoupleInBothOrders_ExactlyOneSucceeds()
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Attempt(i % 2 == 0
            ? fixture.RegisterAsync(man, woman, MarriageClusterFixture.NextOffice())
            : fixture.RegisterAsync(woman, man, MarriageClusterFixture.NextOffice()))));

        var winner = Assert.Single(results, r => r.Done is not null).Done!;
        Assert.Equal(winner.MarriageId, (await fixture.Person(man).GetMaritalStatusAsync()).CurrentMarriageId);
        Assert.Equal(winner.MarriageId, (await fixture.Person(woman).GetMaritalStatusAsync()).CurrentMarriageId);
    }

    [Fact]
    public async Task ArchiveBatchRacingARegistrationOfOneOfItsPeople_NeverMarriesThemTwice()
    {
        var import = fixture.Grains.GetGrain<IArchiveImportGrain>(0);
        var office = MarriageClusterFixture.NextOffice();
        for (var round = 0; round < 12; round++)
        {
            // The contested man's entry comes at a different place in each batch, so the registration meets the
            // import at different steps (before, between and after its holds and its records).
            var (man, archivedWife, newWife) = (TestPeople.Man(), TestPeople.Woman(), TestPeople.Woman());
            var entries = Enumerable.Range(0, 24)
                .Select(i => i == round * 2
                    ? ArchiveImportTests.Entry(man, archivedWife)
                    : ArchiveImportTests.Entry(TestPeople.Man(), TestPeople.Woman()))
                .ToList();
            var contested = entries[round * 2];

            var batch = import.EnterBatchAsync(entries);
            var registration = Outcome(fixture.RegisterAsync(newWife, man, office));
            var outcome = (await batch)[round * 2];
            var registered = await registration;
            Assert.NotEqual(ArchiveEntryResult.Rejected, outcome.Result);
            var archived = outcome.Result == ArchiveEntryResult.Stored;
            if (outcome.Result == ArchiveEntryResult.Deferred)
            {
                // As the import then does: the per-record path decides.
                archived = (await Outcome(fixture.Marriage(contested.RecordId())
                    .EnterFromArchiveAsync(contested))).Done is not null;
            }

            var stored = (await StoredMarriagesAsync())
                .Where(m => m.Record == "Registered" && (m.A == man || m.B == man))
                .ToList();
            Assert.True(stored.Count <= 1, $"round {round}: {man} is party to {stored.Count} records");
            Assert.Equal((registered.Done is not null ? 1 : 0) + (archived ? 1 : 0), stored.Count);
            var status = await fixture.Person(man).GetMaritalStatusAsync();
            Assert.Equal(stored.Count == 1 ? MaritalStatus.Married : MaritalStatus.Single, status.Status);
            Assert.False(status.RegistrationInProgress);
        }
    }

    /// <summary>A registration or entry that either committed or was refused: a domain rule, or the ETag check of
    /// a hold that met a newer stored record (409 <c>concurrent-update</c> over HTTP).</summary>
    [Fact]
    public async Task LinkOfAMarriedDocumentRacingRegistrationsOfBothDocuments_NeverMarriesThePersonTwice()
    {
        var office = MarriageClusterFixture.NextOffice();
        for (var round = 0; round < 8; round++)
        {
            // Her earlier card names her marriage in force; the card she holds now names none. While the registrar
            // links the two, other offices register each card with a new husband: whichever comes first, the person
            // is married once.
            var (earlier, current) = (TestPeople.Woman(), TestPeople.Woman());
            var marriage = (await fixture.RegisterAsync(TestPeople.Man(), earlier, office)).MarriageId;
            Task<(MarriageRegistration? Done, DomainException? Refused)> Register(string card) =>
                Attempt(fixture.RegisterAsync(TestPeople.Man(), card, MarriageClusterFixture.NextOffice()));

            var first = round % 2 == 0 ? Register(current) : null;
            var link = Refusal(fixture.Person(earlier).LinkToPersonAsync(current, "ID number corrected (test)"));
            var second = first ?? Register(current);
            var byEarlier = Register(earlier);
            var (linkRefused, byCurrent, viaEarlier) = (await link, await second, await byEarlier);

            Assert.Null(viaEarlier.Done);
            Assert.Contains(viaEarlier.Refused!.Rule,
                new[] { "person-already-married", "person-being-linked", "registration-in-progress" });
            if (linkRefused is null)
            {
                // Linked: one person, married by the earlier card's record only.
                Assert.Null(byCurrent.Done);
                foreach (var card in new[] { earlier, current })
                {
                    var status = await fixture.Person(card).GetMaritalStatusAsync();
                    Assert.Equal((MaritalStatus.Married, marriage, 1), (status.Status, status.CurrentMarriageId,
                        status.Records.Count));
                }
            }
            else
            {
                // Refused because the current card married first (or was being registered): two persons as far as
                // the records show, neither linked.
                Assert.Contains(linkRefused.Rule, new[] { "linked-records-overlap", "registration-in-progress" });
                Assert.Null(await fixture.Person(earlier).GetLinkedPersonAsync());
                Assert.Equal(marriage, (await fixture.Person(earlier).GetMaritalStatusAsync()).CurrentMarriageId);
                var hers = await fixture.Person(current).GetMaritalStatusAsync();
                Assert.Equal(byCurrent.Done?.MarriageId, hers.CurrentMarriageId);
            }
        }
    }

    private static async Task<DomainException?> Refusal(Task attempt)
    {
        try
        {
            await attempt;
            return null;
        }
        catch (DomainException e)
        {
            return e;
        }
    }

    private static async Task<(MarriageRegistration? Done, Exception? Refused)> Outcome(
        Task<MarriageRegistration> attempt)
    {
        try
        {
            return (await attempt, null);
        }
        catch (Exception e) when (e is DomainException or Orleans.Storage.InconsistentStateException)
        {
            return (null, e);
        }
    }

    [Fact]
    public async Task ReservationOfARegistrationCutShort_IsAbortedDurablyAndCanNeverCommitLater()
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var office = MarriageClusterFixture.NextOffice();
        // A registration that reserved the man and then died with its silo: the reservation is stored, no record is.
        var ghost = MarriageId.New(fixture.Time.GetUtcNow());
        await fixture.Person(man).HoldForMarriageAsync(ghost);
        await fixture.Person(man).StoreHoldAsync(ghost);

        var status = await fixture.Person(man).GetMaritalStatusAsync();
        var registration = await fixture.RegisterAsync(man, woman, office);

        Assert.Equal(MaritalStatus.Single, status.Status);
        Assert.False(status.RegistrationInProgress);
        Assert.Equal(RegistrationOutcome.Aborted, await fixture.Marriage(ghost).GetRegistrationOutcomeAsync());
        var late = await Assert.ThrowsAsync<DomainException>(() => fixture.Marriage(ghost)
            .RegisterAsync(MarriageClusterFixture.Registration(man, TestPeople.Woman(), office)));
        Assert.Equal("marriage-id-taken", late.Rule);
        Assert.Equal(registration.MarriageId, (await fixture.Person(man).GetMaritalStatusAsync()).CurrentMarriageId);
        var stored = (await StoredMarriagesAsync()).Single(m => m.GrainId.EndsWith(ghost, StringComparison.Ordinal));
        Assert.Equal("Aborted", stored.Record);
    }

    [Fact]
    public async Task RecordWriteThatFailsButCommitsLate_NeverLeavesAPersonHalfMarried()
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var id = MarriageId.New(fixture.Time.GetUtcNow());
        var record = new GrainStateKey(Grains.StorageNames.Marriage,
            GrainId.Create(Grains.StorageNames.MarriageGrainType, id).ToString());
        fixture.Store.DelayNextWrite(record);

        await Assert.ThrowsAnyAsync<Exception>(() =>
            fixture.Marriage(id).RegisterAsync(
                MarriageClusterFixture.Registration(man, woman, MarriageClusterFixture.NextOffice())));
        var landed = await fixture.Store.LandAsync(record);

        // Whatever storage ends up holding, the persons agree with it: a record that committed late names two
        // married people, and people who were released are named by no record in force.
        var stored = (await StoredMarriagesAsync()).Single(m => m.GrainId == record.GrainId);
        var expected = stored.Record == "Registered" ? MaritalStatus.Married : MaritalStatus.Single;
        Assert.Equal(expected, (await fixture.Person(man).GetMaritalStatusAsync()).Status);
        Assert.Equal(expected, (await fixture.Person(woman).GetMaritalStatusAsync()).Status);
        Assert.False(landed);
        Assert.Equal("Aborted", stored.Record);
    }

    [Fact]
    public async Task ReservationOfACommittedRegistration_IsConfirmedWhenThePersonIsNextRead()
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var registration = await fixture.RegisterAsync(man, woman, MarriageClusterFixture.NextOffice());

        using var store = new SqliteGrainStateStore(fixture.DatabasePath);
        var key = new GrainStateKey(Grains.StorageNames.Person,
            GrainId.Create(Grains.StorageNames.PersonGrainType, man).ToString());
        var link = JsonDocument.Parse((await store.ReadAsync(key))!.StateJson).RootElement
            .GetProperty("marriages")[0];

        // Stored as the reservation; the stored record is what makes it a marriage.
        Assert.Equal(registration.MarriageId, link.GetProperty("marriageId").GetString());
        Assert.True(link.GetProperty("pending").GetBoolean());
        Assert.Equal(RegistrationOutcome.Registered,
            await fixture.Marriage(registration.MarriageId).GetRegistrationOutcomeAsync());
        Assert.Equal(MaritalStatus.Married, (await fixture.Person(man).GetMaritalStatusAsync()).Status);
    }

    [Fact]
    public async Task HoldLostBeforeItWasStored_StoreIsRefused_AndNothingIsStored()
    {
        var man = TestPeople.Man();
        var registration = MarriageId.New(fixture.Time.GetUtcNow());
        await fixture.Person(man).HoldForMarriageAsync(registration);

        // The activation holding it goes away before the hold is stored (a restart, a rebalance).
        await fixture.Person(man).Cast<IGrainManagementExtension>().DeactivateOnIdle();
        var refused = await Assert.ThrowsAsync<DomainException>(() => fixture.Person(man).StoreHoldAsync(registration));

        Assert.Equal("registration-interrupted", refused.Rule);
        Assert.False((await fixture.Person(man).GetMaritalStatusAsync()).RegistrationInProgress);
        Assert.Null(await StoredPersonAsync(man));
    }

    [Fact]
    public async Task RegistrationRefusedOnTheSecondPerson_ReleasesTheFirstWithoutStoringAnything()
    {
        // The first person in the fixed (ordinal) order is held, then the second refuses: already married.
        var suitor = TestPeople.Man();
        var wife = Enumerable.Range(0, 1_000).Select(_ => TestPeople.Woman())
            .First(w => string.CompareOrdinal(suitor, w) < 0);
        await fixture.RegisterAsync(TestPeople.Man(), wife, MarriageClusterFixture.NextOffice());

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.RegisterAsync(suitor, wife, MarriageClusterFixture.NextOffice()));

        Assert.Equal("person-already-married", refused.Rule);
        Assert.Null(await StoredPersonAsync(suitor));
        var status = await fixture.Person(suitor).GetMaritalStatusAsync();
        Assert.Equal(MaritalStatus.Single, status.Status);
        Assert.False(status.RegistrationInProgress);
        await fixture.RegisterAsync(suitor, TestPeople.Woman(), MarriageClusterFixture.NextOffice());
    }
}
