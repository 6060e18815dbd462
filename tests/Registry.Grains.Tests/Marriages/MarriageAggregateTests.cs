using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Grains.Marriages;
using Registry.Grains.Tests.Persons;

namespace Registry.Grains.Tests.Marriages;

/// <summary>The marriage aggregate on its own: no cluster, no storage, a state object and dates.</summary>
public sealed class MarriageAggregateTests
{
    private static readonly DateOnly Day0 = TestPeople.Today;
    private static readonly string Office = TestPeople.CountyCodes[^1];
    private static readonly HolidayCalendar WeekendsOnly = new(new HolidayCalendarOptions());

    private readonly MarriageState state = new() { Id = MarriageId.New(DateTimeOffset.UnixEpoch) };
    private readonly string man = TestPeople.Man();
    private readonly string woman = TestPeople.Woman();

    private Marriage On(DateOnly day) =>
        new(state, new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)), day, "registrar-1");

    private Marriage Registered()
    {
        var command = new RegisterMarriage(Office, new MarriageParty(man, "甲", "中国"),
            new MarriageParty(woman, "乙", "中国"), true, true, true);
        var (a, b) = MarriageRules.ParseParties(command, Day0);
        var marriage = On(Day0);
        marriage.Register(command, a, b, $"J{Office}-2026-000001");
        return marriage;
    }

    private DivorceApplicationRecord Applied(Marriage marriage) =>
        marriage.ApplyForDivorce(Office, marriage.CheckCanApplyForDivorce("协议"), WeekendsOnly);

    [Fact]
    public void Register_InForceWithOneJCertificatePerParty()
    {
        var details = Registered().ToDetails();

        Assert.Equal(MarriageStatus.InForce, details.Status);
        Assert.Equal([man, woman], details.Certificates.Select(c => c.HolderIdNumber));
        Assert.All(details.Certificates, c => Assert.False(c.IsVoid));
        Assert.Equal("registrar-1", Assert.Single(details.History).RecordedBy);
    }

    [Fact]
    public void RegisterDivorce_AfterCoolingOff_VoidsTheJCertificatesWithTheReason()
    {
        var application = Applied(Registered());
        var later = On(application.CoolingOffEnds.AddDays(1));

        var registration = later.RegisterDivorce(later.CheckCanRegisterDivorce(1, new RegisterDivorce(Office, true)),
            $"L{Office}-2026-000001");

        var details = later.ToDetails();
        Assert.Equal(MarriageStatus.Divorced, details.Status);
        var js = details.Certificates.Where(c => c.Kind == CertificateKind.Marriage).ToList();
        Assert.Equal(2, js.Count);
        Assert.All(js, c => Assert.Equal($"divorce registered ({registration.CertificateNumber})", c.VoidReason));
        Assert.All(details.Certificates.Where(c => c.Kind == CertificateKind.Divorce), c => Assert.False(c.IsVoid));
    }

    [Fact]
    public void CheckCanRegisterDivorce_DuringCoolingOff_IsRefusedAndChangesNothing()
    {
        var application = Applied(Registered());
        var events = state.Events.Count;

        var error = Assert.Throws<DomainException>(() =>
            On(application.CoolingOffEnds).CheckCanRegisterDivorce(1, new RegisterDivorce(Office, true)));

        Assert.Equal("cooling-off-not-over", error.Rule);
        Assert.Equal(events, state.Events.Count);
        Assert.Equal(MarriageStatus.InForce, state.Status);
    }

    [Fact]
    public void ApplyLapses_AfterTheLastDay_DeemsWithdrawnOnce()
    {
        var application = Applied(Registered());
        var after = On(application.LastDayToAppear.AddDays(1));

        Assert.Equal(1, after.ApplyLapses());
        Assert.Equal(0, after.ApplyLapses());
        Assert.Equal(DivorceApplicationOutcome.DeemedWithdrawn, application.Outcome);
    }

    [Fact]
    public void RecordJudgment_Annulment_VoidsCertificatesAndCancelsTheOpenApplication()
    {
        Applied(Registered());
        var marriage = On(Day0.AddDays(3));

        marriage.RecordJudgment(new CourtJudgment(CourtJudgmentKind.Annulment, "某区人民法院", "(2026)京0101民初1号",
            Day0.AddDays(2), "重婚", null, null, null));

        var details = marriage.ToDetails();
        Assert.Equal(MarriageStatus.Annulled, details.Status);
        Assert.All(details.Certificates, c => Assert.Equal("annulled by judgment (2026)京0101民初1号", c.VoidReason));
        Assert.Equal(DivorceApplicationStatus.Cancelled, Assert.Single(details.DivorceApplications).Status);
    }

    [Fact]
    public void CertificateToReplace_AfterDivorce_IsTheLCertificate()
    {
        var application = Applied(Registered());
        var later = On(application.CoolingOffEnds.AddDays(1));
        later.RegisterDivorce(later.CheckCanRegisterDivorce(1, new RegisterDivorce(Office, true)),
            $"L{Office}-2026-000001");

        var (current, kind) = later.CertificateToReplace(woman);

        Assert.Equal(CertificateKind.Divorce, current.Kind);
        Assert.Equal(CertificateKind.DivorceReplacement, kind);
    }

    [Fact]
    public void EnsureParty_Stranger_IsPartyNotInMarriage()
    {
        var error = Assert.Throws<DomainException>(() => Registered().EnsureParty(TestPeople.Man(), "party"));

        Assert.Equal("party-not-in-marriage", error.Rule);
    }

    [Fact]
    public void RecordJudgment_DivorceWithoutEffectiveDate_IsRefusedAndChangesNothing()
    {
        var marriage = Registered();

        var error = Assert.Throws<DomainException>(() => marriage.RecordJudgment(new CourtJudgment(
            CourtJudgmentKind.Divorce, "某区人民法院", "(2026)民初2号", Day0, "感情破裂", null, null, null)));

        Assert.Equal("field-required", error.Rule);
        Assert.Equal(MarriageStatus.InForce, state.Status);
        Assert.Single(state.Events);
    }

    [Fact]
    public void RecordJudgment_Divorce_EndsOnTheEffectiveDateNotTheJudgmentDate()
    {
        var marriage = On(Day0.AddDays(20));

        Registered();
        var entry = marriage.RecordJudgment(new CourtJudgment(CourtJudgmentKind.Divorce, "某区人民法院",
            "(2026)民初3号", Day0.AddDays(1), "感情破裂", null, null, null) { EffectiveDate = Day0.AddDays(16) });

        Assert.Equal((MarriageStatus.DivorcedByCourt, Day0.AddDays(16)), (state.Status, state.EndedOn));
        Assert.Equal(MarriageEventKind.DivorcedByCourt, entry.Kind);
        Assert.All(state.Certificates, c => Assert.NotNull(c.VoidReason));
    }

    [Theory]
    [InlineData(false, false, MarriageStatus.InForce, MarriageEventKind.Revived)]
    [InlineData(true, false, MarriageStatus.DissolvedByDeclarationOfDeath, MarriageEventKind.DeclarationOfDeathRevoked)]
    [InlineData(false, true, MarriageStatus.DissolvedByDeclarationOfDeath, MarriageEventKind.DeclarationOfDeathRevoked)]
    public void RevokeDeclarationOfDeath_RevivesUnlessTheSpouseRemarriedOrDeclines(bool remarried, bool declines,
        MarriageStatus expected, MarriageEventKind kind)
    {
        Registered().RecordJudgment(new CourtJudgment(CourtJudgmentKind.DeclarationOfDeath, "某区人民法院",
            "(2026)特1号", Day0, "下落不明满四年", man, null, null));
        var later = On(Day0.AddDays(5));
        var revocation = new CourtJudgment(CourtJudgmentKind.RevocationOfDeclarationOfDeath, "某区人民法院",
            "(2026)特2号", Day0.AddDays(5), "本人重新出现", man, null, null) { SpouseDeclinesRevival = declines };

        Assert.Equal(woman, later.SpouseOfDeclaredDead(revocation));
        var entry = later.RevokeDeclarationOfDeath(revocation, remarried);

        Assert.Equal((expected, kind), (state.Status, entry.Kind));
        Assert.False(later.ToSummary().DeathDeclared);
    }

    [Fact]
    public void RecordDeath_EndsTheMarriageOnTheDayOfDeath()
    {
        var marriage = On(Day0.AddDays(3));
        Registered();

        marriage.RecordDeath(new RecordDeath(woman, Day0.AddDays(2), DeathProof.DeathCertificate, "死亡证明-1", "某医院"));

        var summary = marriage.ToSummary();
        Assert.Equal((MarriageStatus.EndedByDeath, woman, false, Day0.AddDays(2)),
            (summary.Status, summary.DeceasedIdNumber, summary.DeathDeclared, summary.EndedOn));
        Assert.Throws<DomainException>(() => marriage.RecordDeath(
            new RecordDeath(man, Day0.AddDays(3), DeathProof.DeathCertificate, "死亡证明-2", "某医院")));
    }
}
