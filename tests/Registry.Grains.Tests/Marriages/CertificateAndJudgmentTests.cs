using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Tests.Persons;

namespace Registry.Grains.Tests.Marriages;

[Collection(MarriageClusterCollection.Name)]
public sealed class CertificateAndJudgmentTests(MarriageClusterFixture fixture)
{
    private static CourtJudgment Judgment(CourtJudgmentKind kind, DateOnly on, string? party = null,
        string? name = null) =>
        new(kind, "某区人民法院 (test)", $"({on.Year})民初{Guid.NewGuid().ToString("N")[..6]}号", on,
            "judgment (test)", party, name, null);

    [Fact]
    public async Task ReplaceCertificateAsync_AtAnotherOffice_IssuesABJNumberAndKeepsTheOldOneVoid()
    {
        var (man, woman, office) = (TestPeople.Man(), TestPeople.Woman(), MarriageClusterFixture.NextOffice());
        var registration = await fixture.RegisterAsync(man, woman, office);
        var elsewhere = MarriageClusterFixture.NextOffice();

        var replacement = await fixture.Marriage(registration.MarriageId)
            .ReplaceCertificateAsync(new ReplaceCertificate(woman, elsewhere));

        Assert.Equal(CertificateKind.MarriageReplacement, replacement.Kind);
        Assert.Matches($"^BJ{elsewhere}-{fixture.Today.Year}-\\d{{6}}$", replacement.Number);
        var certificates = (await fixture.Marriage(registration.MarriageId).GetAsync()).Certificates;
        var hers = certificates.Single(c => c.HolderIdNumber == woman && c.Kind == CertificateKind.Marriage);
        var his = certificates.Single(c => c.HolderIdNumber == man);
        Assert.Equal((registration.CertificateNumber, fixture.Today, replacement.Number),
            (hers.Number, hers.VoidedOn, hers.ReplacedBy));
        Assert.False(his.IsVoid);
        Assert.Equal(3, certificates.Count);
        var stranger = await Assert.ThrowsAsync<DomainException>(() => fixture.Marriage(registration.MarriageId)
            .ReplaceCertificateAsync(new ReplaceCertificate(TestPeople.Woman(), elsewhere)));
        Assert.Equal("party-not-in-marriage", stranger.Rule);
    }

    [Fact]
    public async Task ReplaceCertificateAsync_AfterDivorce_IssuesABLNumberForTheDivorceCertificate()
    {
        var (man, woman, office) = (TestPeople.Man(), TestPeople.Woman(), MarriageClusterFixture.NextOffice());
        var id = (await fixture.RegisterAsync(man, woman, office)).MarriageId;
        var receipt = await fixture.Marriage(id).ApplyForDivorceAsync(TestDivorces.Application(office, man, woman, "协议书"));
        DivorceApplicationId.TryParse(receipt.ApplicationId, out _, out var sequence);
        fixture.MoveTo(receipt.CoolingOffEnds.AddDays(1));
        var divorce = await fixture.Marriage(id).RegisterDivorceAsync(sequence, TestDivorces.Registration(office, man, woman));

        var replacement = await fixture.Marriage(id).ReplaceCertificateAsync(new ReplaceCertificate(man, office));

        Assert.Equal(CertificateKind.DivorceReplacement, replacement.Kind);
        Assert.StartsWith($"BL{office}-", replacement.Number, StringComparison.Ordinal);
        var old = (await fixture.Marriage(id).GetAsync()).Certificates
            .Single(c => c.HolderIdNumber == man && c.Number == divorce.CertificateNumber);
        Assert.Equal(replacement.Number, old.ReplacedBy);
    }

    [Fact]
    public async Task RecordJudgmentAsync_Annulment_IsANewHistoryEntryAndBothPartiesAreSingleAgain()
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var id = (await fixture.RegisterAsync(man, woman, MarriageClusterFixture.NextOffice())).MarriageId;
        var before = await fixture.Marriage(id).GetAsync();
        var judgment = Judgment(CourtJudgmentKind.Annulment, fixture.Today);

        var recorded = await fixture.Marriage(id).RecordJudgmentAsync(judgment);

        var after = await fixture.Marriage(id).GetAsync();
        Assert.Equal(MarriageStatus.Annulled, after.Status);
        Assert.Equal(before.History[0], after.History[0]);
        Assert.Equal((MarriageEventKind.Annulled, judgment.Reference, judgment.Court),
            (after.History[^1].Kind, after.History[^1].Reference, after.History[^1].Court));
        Assert.Equal(recorded, after.History[^1]);
        Assert.Equal(MaritalStatus.Single, (await fixture.Person(man).GetMaritalStatusAsync()).Status);
        var records = (await fixture.Person(woman).GetMaritalStatusAsync()).Records;
        Assert.Equal(MarriageStatus.Annulled, Assert.Single(records).Status);
        var twice = await Assert.ThrowsAsync<DomainException>(() => fixture.Marriage(id).RecordJudgmentAsync(judgment));
        Assert.Equal((DomainErrorKind.Conflict, "judgment-already-recorded"), (twice.Kind, twice.Rule));
    }

    [Theory]
    [InlineData(CourtJudgmentKind.Annulment)]
    [InlineData(CourtJudgmentKind.DeclarationOfDeath)]
    [InlineData(CourtJudgmentKind.Correction)]
    public async Task RecordJudgmentAsync_DatedBeforeTheRegistration_IsRefusedAndNothingStored(CourtJudgmentKind kind)
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var id = (await fixture.RegisterAsync(man, woman, MarriageClusterFixture.NextOffice())).MarriageId;
        var before = await fixture.Marriage(id).GetAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => fixture.Marriage(id).RecordJudgmentAsync(
            Judgment(kind, before.RegisteredOn.AddDays(-1), woman, "王某")));

        Assert.Equal((DomainErrorKind.Invalid, "judgment-before-registration", "judgmentDate"),
            (refused.Kind, refused.Rule, refused.Field));
        var after = await fixture.Marriage(id).GetAsync();
        Assert.Equal((MarriageStatus.InForce, before.History.Count), (after.Status, after.History.Count));
    }

    [Fact]
    public async Task RecordJudgmentAsync_Correction_ChangesTheCurrentNameAndKeepsTheRegistrationAsItWas()
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var id = (await fixture.RegisterAsync(man, woman, MarriageClusterFixture.NextOffice())).MarriageId;
        var original = (await fixture.Marriage(id).GetAsync()).PartyB.Name;

        await fixture.Marriage(id).RecordJudgmentAsync(
            Judgment(CourtJudgmentKind.Correction, fixture.Today, woman, original + "更正"));

        var after = await fixture.Marriage(id).GetAsync();
        Assert.Equal(original + "更正", after.PartyB.Name);
        Assert.Equal(MarriageStatus.InForce, after.Status);
        var corrected = after.History[^1];
        Assert.Equal((MarriageEventKind.Corrected, woman), (corrected.Kind, corrected.PartyIdNumber));
        Assert.Contains(original, corrected.Details);
        Assert.Equal(original + "更正",
            (await fixture.Person(man).GetMaritalStatusAsync()).Records.Single().SpouseName);
        var empty = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Marriage(id).RecordJudgmentAsync(Judgment(CourtJudgmentKind.Correction, fixture.Today, woman)));
        Assert.Equal("correction-empty", empty.Rule);
    }

    [Fact]
    public async Task RecordJudgmentAsync_DeclarationOfDeath_LeavesTheOtherWidowedAndFreeToMarry()
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var id = (await fixture.RegisterAsync(man, woman, MarriageClusterFixture.NextOffice())).MarriageId;

        await fixture.Marriage(id).RecordJudgmentAsync(
            Judgment(CourtJudgmentKind.DeclarationOfDeath, fixture.Today, man));

        Assert.Equal(MaritalStatus.Widowed, (await fixture.Person(woman).GetMaritalStatusAsync()).Status);
        Assert.Equal(MaritalStatus.DeclaredDead, (await fixture.Person(man).GetMaritalStatusAsync()).Status);
        await fixture.RegisterAsync(TestPeople.Man(), woman, MarriageClusterFixture.NextOffice());
        Assert.Equal(MaritalStatus.Married, (await fixture.Person(woman).GetMaritalStatusAsync()).Status);
    }
}
