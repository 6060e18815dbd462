using System.Globalization;
using System.Text.Json;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Tests.Persons;
using Registry.Storage;
using Registry.Storage.Sqlite;

namespace Registry.Grains.Tests.Marriages;

[Collection(MarriageClusterCollection.Name)]
public sealed class MarriageGrainTests(MarriageClusterFixture fixture)
{
    [Fact]
    public async Task RegisterAsync_ManAndWoman_StoresTheRecordWithAJNumberAndBothAreMarried()
    {
        var (man, woman, office) = (TestPeople.Man(), TestPeople.Woman(), MarriageClusterFixture.NextOffice());

        var registration = await fixture.RegisterAsync(man, woman, office);

        var today = fixture.Today;
        Assert.Matches($"^J{office}-{today.Year}-\\d{{6}}$", registration.CertificateNumber);
        Assert.Equal((office, today), (registration.Office, registration.RegisteredOn));
        var details = await fixture.Marriage(registration.MarriageId).GetAsync();
        Assert.Equal(MarriageStatus.InForce, details.Status);
        Assert.Equal(registration.CertificateNumber, details.CertificateNumber);
        Assert.Equal((man, Sex.Male), (details.PartyA.IdNumber, details.PartyA.Sex));
        Assert.Equal((woman, Sex.Female), (details.PartyB.IdNumber, details.PartyB.Sex));
        Assert.Equal(DateOnly.ParseExact(man[6..14], "yyyyMMdd", CultureInfo.InvariantCulture),
            details.PartyA.BirthDate);
        Assert.Equal([man, woman], details.Certificates.Select(c => c.HolderIdNumber));
        Assert.All(details.Certificates, c => Assert.Equal(registration.CertificateNumber, c.Number));
        Assert.Equal(MarriageEventKind.Registered, Assert.Single(details.History).Kind);
        foreach (var (person, spouse) in new[] { (man, woman), (woman, man) })
        {
            var status = await fixture.Person(person).GetMaritalStatusAsync();
            Assert.Equal(MaritalStatus.Married, status.Status);
            Assert.Equal(registration.MarriageId, status.CurrentMarriageId);
            var record = Assert.Single(status.Records);
            Assert.Equal((registration.CertificateNumber, spouse), (record.CertificateNumber, record.SpouseIdNumber));
        }
    }

    [Fact]
    public async Task RegisterAsync_TwoAtOneOffice_TakeConsecutiveSerialsAndAnotherOfficeHasItsOwnSeries()
    {
        var office = MarriageClusterFixture.NextOffice();
        var other = MarriageClusterFixture.NextOffice();

        var first = await fixture.RegisterAsync(TestPeople.Man(), TestPeople.Woman(), office);
        var second = await fixture.RegisterAsync(TestPeople.Woman(), TestPeople.Man(), office);
        var elsewhere = await fixture.RegisterAsync(TestPeople.Man(), TestPeople.Woman(), other);

        var year = fixture.Today.Year;
        Assert.Equal(CertificateNumber.Format(CertificateKind.Marriage, office, year, 1), first.CertificateNumber);
        Assert.Equal(CertificateNumber.Format(CertificateKind.Marriage, office, year, 2), second.CertificateNumber);
        Assert.Equal(CertificateNumber.Format(CertificateKind.Marriage, other, year, 1), elsewhere.CertificateNumber);
    }

    [Fact]
    public async Task RegisterAsync_PartyAlreadyMarried_IsRefusedAndTheOtherPartyIsLeftFree()
    {
        var (man, wife, other) = (TestPeople.Man(), TestPeople.Woman(), TestPeople.Woman());
        await fixture.RegisterAsync(man, wife, MarriageClusterFixture.NextOffice());

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.RegisterAsync(other, man, MarriageClusterFixture.NextOffice()));

        Assert.Equal((DomainErrorKind.RuleViolation, "person-already-married"), (error.Kind, error.Rule));
        var status = await fixture.Person(other).GetMaritalStatusAsync();
        Assert.Equal(MaritalStatus.Single, status.Status);
        Assert.False(status.RegistrationInProgress);
        await fixture.RegisterAsync(other, TestPeople.Man(), MarriageClusterFixture.NextOffice());
    }

    [Fact]
    public async Task RegisterAsync_RuleRefusals_NameTheRuleAndStoreNothing()
    {
        var office = MarriageClusterFixture.NextOffice();
        var man = TestPeople.Man();
        var young = TestPeople.Born(fixture.Today.AddYears(-22).AddDays(1), Sex.Male);
        var id = MarriageId.New(fixture.Time.GetUtcNow());

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Marriage(id).RegisterAsync(MarriageClusterFixture.Registration(young, TestPeople.Woman(), office)));

        Assert.Equal("under-legal-age", error.Rule);
        var notFound = await Assert.ThrowsAsync<DomainException>(() => fixture.Marriage(id).GetSummaryAsync());
        Assert.Equal("marriage-not-found", notFound.Rule);
        error = await Assert.ThrowsAsync<DomainException>(() => fixture.RegisterAsync(man, man, office));
        Assert.Equal("same-person", error.Rule);
        error = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Marriage(MarriageId.New(fixture.Time.GetUtcNow())).RegisterAsync(
                MarriageClusterFixture.Registration(man, TestPeople.Woman(), office) with
                {
                    NoSpouseDeclared = false,
                }));
        Assert.Equal("declaration-missing", error.Rule);
        Assert.Equal(MaritalStatus.Single, (await fixture.Person(man).GetMaritalStatusAsync()).Status);
    }

    [Fact]
    public async Task RegisterAsync_Offices_MustBeRecordedCountiesOrCitiesInForce()
    {
        var province = ReferenceDivisions.All.First(d => d.Level == DivisionLevel.Province).Code;

        var unknown = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.RegisterAsync(TestPeople.Man(), TestPeople.Woman(), ReferenceDivisions.UnrecordedCountyCode()));
        var level = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.RegisterAsync(TestPeople.Man(), TestPeople.Woman(), province));
        var township = ReferenceDivisions.All.First(d => d.Level == DivisionLevel.Township).Code;
        var format = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.RegisterAsync(TestPeople.Man(), TestPeople.Woman(), township));

        Assert.Equal((DomainErrorKind.RuleViolation, "office-unknown"), (unknown.Kind, unknown.Rule));
        Assert.Equal((DomainErrorKind.RuleViolation, "office-level"), (level.Kind, level.Rule));
        Assert.Equal((DomainErrorKind.Invalid, "office-code-format", "office"),
            (format.Kind, format.Rule, format.Field));
    }

    [Fact]
    public async Task RegisterAsync_IdNumberOfAnUnrecordedProvince_IsInvalidAddressCode()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.RegisterAsync(TestPeople.WithUnrecordedProvince(), TestPeople.Woman(),
                MarriageClusterFixture.NextOffice()));

        Assert.Equal((DomainErrorKind.Invalid, "id-number-address-code", "partyA.idNumber"),
            (error.Kind, error.Rule, error.Field));
    }

    [Fact]
    public async Task RegisterAsync_SameIdTwice_IsRefused()
    {
        var id = MarriageId.New(fixture.Time.GetUtcNow());
        var office = MarriageClusterFixture.NextOffice();
        await fixture.Marriage(id).RegisterAsync(
            MarriageClusterFixture.Registration(TestPeople.Man(), TestPeople.Woman(), office));

        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Marriage(id).RegisterAsync(
            MarriageClusterFixture.Registration(TestPeople.Man(), TestPeople.Woman(), office)));

        Assert.Equal((DomainErrorKind.Conflict, "marriage-id-taken"), (error.Kind, error.Rule));
    }

    [Fact]
    public async Task CertificateCounter_StoresBeforeHandingOutAndStaysConsecutiveAcrossDeactivation()
    {
        var series = CertificateNumber.SeriesOf(CertificateKind.Marriage, MarriageClusterFixture.NextOffice(), 2030);
        var counter = fixture.Grains.GetGrain<ICertificateCounterGrain>(series);
        var key = new GrainStateKey(Grains.StorageNames.CertificateCounter,
            GrainId.Create(Grains.StorageNames.CertificateCounterGrainType, series).ToString());
        using var store = new SqliteGrainStateStore(fixture.DatabasePath);

        var first = await counter.TakeNextAsync();
        var stored = JsonDocument.Parse((await store.ReadAsync(key))!.StateJson).RootElement
            .GetProperty("lastSerial").GetInt32();
        var second = await counter.TakeNextAsync();
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var afterDeactivation = await counter.TakeNextAsync();

        Assert.Equal((1, 2, 3), (first, second, afterDeactivation));
        Assert.True(stored >= first, $"serial {first} handed out before it was stored (stored {stored})");
    }

    [Fact]
    public async Task CertificateIndex_AskedBeforeTheNumberWasIssued_FindsTheRecordOnceItIs()
    {
        // A registration stores its number's index entry without activating the number's grain: an activation made
        // earlier (a verification of the number before it was issued) must not keep answering from its empty state.
        var office = MarriageClusterFixture.NextOffice();
        var number = CertificateNumber.Format(CertificateKind.Marriage, office, fixture.Today.Year, 1);
        var index = fixture.Grains.GetGrain<ICertificateIndexGrain>(number);
        Assert.Null(await index.GetMarriageIdAsync());

        var registration = await fixture.RegisterAsync(TestPeople.Man(), TestPeople.Woman(), office);

        Assert.Equal(number, registration.CertificateNumber);
        Assert.Equal(registration.MarriageId, await index.GetMarriageIdAsync());
        var taken = await Assert.ThrowsAsync<DomainException>(() => index.RecordAsync("another-marriage"));
        Assert.Equal("certificate-number-taken", taken.Rule);
    }

    [Fact]
    public async Task CertificateIndexEntries_StoreOnce_RepeatForTheSameRecordAndRefuseAnother()
    {
        var office = MarriageClusterFixture.NextOffice();
        var number = CertificateNumber.Format(CertificateKind.Marriage, office, fixture.Today.Year, 999_999);
        var first = MarriageId.New(fixture.Time.GetUtcNow());

        await Registry.Grains.Marriages.CertificateIndexEntries.RecordAsync(fixture.SiloServices, number, first);
        await Registry.Grains.Marriages.CertificateIndexEntries.RecordAsync(fixture.SiloServices, number, first);
        var taken = await Assert.ThrowsAsync<DomainException>(() =>
            Registry.Grains.Marriages.CertificateIndexEntries.RecordAsync(fixture.SiloServices, number, "another-marriage"));

        Assert.Equal("certificate-number-taken", taken.Rule);
        Assert.Equal(first, await fixture.Grains.GetGrain<ICertificateIndexGrain>(number).GetMarriageIdAsync());
    }
}
