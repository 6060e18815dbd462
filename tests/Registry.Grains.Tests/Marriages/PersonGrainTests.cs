using Registry.Abstractions.Errors;
using Registry.Abstractions.Persons;
using Registry.Grains.Tests.Persons;

namespace Registry.Grains.Tests.Marriages;

[Collection(MarriageClusterCollection.Name)]
public sealed class PersonGrainTests(MarriageClusterFixture fixture)
{
    [Fact]
    public async Task IssueNoMarriageRecordCertificateAsync_PersonWithoutRecords_IsIssuedAndStored()
    {
        var person = TestPeople.Woman();
        var office = MarriageClusterFixture.NextOffice();

        var certificate = await MarriageClusterFixture.AsUser("clerk-cert",
            () => fixture.Person(person).IssueNoMarriageRecordCertificateAsync(office));

        Assert.Equal((person, office, fixture.Today, "clerk-cert"),
            (certificate.IdNumber, certificate.Office, certificate.IssuedOn, certificate.IssuedBy));
        var status = await fixture.Person(person).GetMaritalStatusAsync();
        Assert.Equal(MaritalStatus.Single, status.Status);
        Assert.Empty(status.Records);
    }

    [Fact]
    public async Task IssueNoMarriageRecordCertificateAsync_PersonWithAnyRecord_IsMarriageRecordExists()
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        await fixture.RegisterAsync(man, woman, MarriageClusterFixture.NextOffice());

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Person(man).IssueNoMarriageRecordCertificateAsync(MarriageClusterFixture.NextOffice()));

        Assert.Equal((DomainErrorKind.Conflict, "marriage-record-exists"), (error.Kind, error.Rule));
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

    private async Task<IReadOnlyList<AccessLogEntry>> LoggedReadsOfAsync(string person)
    {
        var now = fixture.Time.GetUtcNow();
        var page = await fixture.Grains.GetGrain<IAccessLogGrain>(0)
            .SearchAsync(new AccessLogSearch(now.AddDays(-1), now.AddDays(1), person, null, null, 100));
        Assert.All(page.Entries, e => Assert.Equal(person, e.SubjectIdNumber));
        return page.Entries;
    }
}
