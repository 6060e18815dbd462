using System.Text.Json;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Marriages;
using Registry.Grains.Tests.Persons;
using Registry.Storage;

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
        marriage.ApplyForDivorce(marriage.CheckCanApplyForDivorce(TestDivorces.Application(Office, man, woman)), WeekendsOnly);

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

        var registration = later.RegisterDivorce(later.CheckCanRegisterDivorce(1, TestDivorces.Registration(Office, man, woman)),
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
            On(application.CoolingOffEnds).CheckCanRegisterDivorce(1, TestDivorces.Registration(Office, man, woman)));

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
        later.RegisterDivorce(later.CheckCanRegisterDivorce(1, TestDivorces.Registration(Office, man, woman)),
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
    public void ApplyForDivorce_PartyPresentingALinkedDocument_IsRecordedAsTheRegisteredPartyWithTheDocumentNoted()
    {
        var marriage = Registered();
        var corrected = TestPeople.Man();
        marriage.AcceptLinkedDocuments(new Dictionary<string, string> { [corrected] = man });

        var application = marriage.ApplyForDivorce(
            marriage.CheckCanApplyForDivorce(TestDivorces.Application(Office, corrected, woman)), WeekendsOnly);

        Assert.Equal([man, woman], application.Parties!.Select(p => p.DocumentKey));
        var entry = state.Events[^1];
        Assert.Equal(MarriageEventKind.DivorceApplied, entry.Kind);
        Assert.Contains($"{IdentityDocument.Mask(corrected)} presented for {IdentityDocument.Mask(man)}",
            entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureParty_DocumentLinkedToSomeoneElse_IsStillPartyNotInMarriage()
    {
        var marriage = Registered();
        var stranger = TestPeople.Man();
        marriage.AcceptLinkedDocuments(new Dictionary<string, string> { [stranger] = TestPeople.Man() });

        var error = Assert.Throws<DomainException>(() => marriage.EnsureParty(stranger, "party"));

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

    public static TheoryData<string, string> RefusedApplications => new()
    {
        { "only one party", "divorce-party-missing" },
        { "a stranger instead of the woman", "party-not-in-marriage" },
        { "the man twice", "divorce-party-duplicate" },
        { "the woman not in person", "party-must-appear-in-person" },
        { "the man did not sign", "divorce-agreement-not-signed" },
        { "the woman's declaration not voluntary", "divorce-declaration-missing" },
        { "the man's declaration not truthful", "divorce-declaration-missing" },
        { "the agreement silent on the debts", "divorce-agreement-incomplete" },
        { "the agreement without the wish to divorce", "divorce-agreement-incomplete" },
    };

    [Theory]
    [MemberData(nameof(RefusedApplications))]
    public void CheckCanApplyForDivorce_UnlessBothPartiesAppliedInPersonAndSigned_IsRefusedAndChangesNothing(
        string what, string rule)
    {
        var marriage = Registered();
        var complete = TestDivorces.Application(Office, man, woman);
        var (a, b) = (TestDivorces.Applicant(man), TestDivorces.Applicant(woman));
        var command = what switch
        {
            "only one party" => complete with { Parties = [a] },
            "a stranger instead of the woman" => complete with { Parties = [a, TestDivorces.Applicant(TestPeople.Woman())] },
            "the man twice" => complete with { Parties = [a, a, b] },
            "the woman not in person" => complete with { Parties = [a, b with { AppearedInPerson = false }] },
            "the man did not sign" => complete with { Parties = [a with { SignedAgreement = false }, b] },
            "the woman's declaration not voluntary" =>
                complete with { Parties = [a, b with { Declarations = new DivorceDeclarations(false, true) }] },
            "the man's declaration not truthful" =>
                complete with { Parties = [a with { Declarations = new DivorceDeclarations(true, false) }, b] },
            "the agreement silent on the debts" => complete with { Contents = new(true, true, true, false) },
            _ => complete with { Contents = new(false, true, true, true) },
        };
        var events = state.Events.Count;

        var error = Assert.Throws<DomainException>(() => marriage.CheckCanApplyForDivorce(command));

        Assert.Equal((DomainErrorKind.RuleViolation, rule), (error.Kind, error.Rule));
        Assert.Equal((events, 0), (state.Events.Count, state.Applications.Count));
        Assert.Equal(complete.Parties, marriage.CheckCanApplyForDivorce(complete).Parties);
    }

    [Fact]
    public void ApplyForDivorce_RecordsEachPartyOnceInTheMarriagesOrderWithTheirOwnDeclarations()
    {
        var marriage = Registered();
        var command = TestDivorces.Application(Office, woman, man) with
        {
            Parties =
            [
                TestDivorces.Applicant(woman.ToLowerInvariant()) with { Declarations = new(true, true) },
                TestDivorces.Applicant(man),
            ],
        };

        var application = marriage.ApplyForDivorce(marriage.CheckCanApplyForDivorce(command), WeekendsOnly);

        var details = marriage.ToDetails(application);
        Assert.Equal([man, woman], details.Parties!.Select(p => p.DocumentKey));
        Assert.All(details.Parties!, p => Assert.True(p is { AppearedInPerson: true, SignedAgreement: true }));
        Assert.Equal(TestDivorces.Complete, details.AgreementContents);
        Assert.Null(details.RegistrationParties);
    }

    [Fact]
    public void CheckCanRegisterDivorce_UnlessEachPartyAppearsAndConfirms_IsRefused()
    {
        Applied(Registered());
        var later = On(state.Applications[0].CoolingOffEnds.AddDays(1));
        var (a, b) = (TestDivorces.Appearance(man), TestDivorces.Appearance(woman));

        var missing = Assert.Throws<DomainException>(() => later.CheckCanRegisterDivorce(1, new(Office, [b])));
        var absent = Assert.Throws<DomainException>(() =>
            later.CheckCanRegisterDivorce(1, new(Office, [a with { AppearedInPerson = false }, b])));
        var unconfirmed = Assert.Throws<DomainException>(() =>
            later.CheckCanRegisterDivorce(1, new(Office, [a, b with { ConfirmsDivorce = false }])));
        later.RegisterDivorce(later.CheckCanRegisterDivorce(1, new(Office, [b, a])), $"L{Office}-2026-000001");

        Assert.Equal(["divorce-party-missing", "party-must-appear-in-person", "divorce-not-confirmed"],
            new[] { missing, absent, unconfirmed }.Select(e => e.Rule));
        Assert.Equal([a, b], later.ToDetails(state.Applications[0]).RegistrationParties);
    }

    [Fact]
    public void ToDetails_ApplicationStoredBeforePartiesWereRecorded_ShowsThemAsNotRecorded()
    {
        var registered = Registered();
        registered.ApplyForDivorce(registered.CheckCanApplyForDivorce(TestDivorces.Application(Office, man, woman)),
            WeekendsOnly);
        var stored = JsonSerializer.SerializeToNode(state, RegistryJson.StateOptions)!;

        // The application as main stored it: none of the per-party fields.
        var application = stored["applications"]![0]!.AsObject();
        Assert.True(application.Remove("parties") && application.Remove("agreementContents"));
        application.Remove("registrationParties");
        var old = stored.Deserialize<MarriageState>(RegistryJson.StateOptions)!;
        var details = new Marriage(old, DateTimeOffset.UnixEpoch, Day0, "registrar-1").ToDetails(old.Applications[0]);

        Assert.Equal((null, null, null),
            (details.Parties, details.AgreementContents, details.RegistrationParties));
        Assert.Equal((Day0, DivorceApplicationStatus.CoolingOff), (details.ReceivedOn, details.Status));
    }

    [Fact]
    public void RecomputeDeadlines_WhenTheYearIsLoaded_OnlyEverLaterAndRecordedInTheHistory()
    {
        // Received on 2 December: both deadlines fall in the next year, whose calendar is not loaded.
        var received = new DateOnly(Day0.Year, 12, 2);
        var marriage = On(received);
        Registered();
        var application = marriage.ApplyForDivorce(
            marriage.CheckCanApplyForDivorce(TestDivorces.Application(Office, man, woman)), WeekendsOnly);
        var next = received.Year + 1;
        Assert.Equal([next], application.ProvisionalYears);
        var (coolingOff, lastDay) = (application.CoolingOffEnds, application.LastDayToAppear);

        // A calendar that makes the cooling-off end a holiday moves it later; one that would make the appearance
        // period end earlier (its last day a worked Saturday) cannot.
        var loaded = new HolidayCalendar(new HolidayCalendarOptions
        {
            Holidays = [coolingOff, coolingOff.AddDays(1)],
            WorkingDays = [],
            Reference = "test notice",
        });
        var later = On(received.AddDays(5));
        Assert.Equal(1, later.RecomputeDeadlines(next, loaded));

        Assert.True(application.CoolingOffEnds > coolingOff);
        Assert.True(application.LastDayToAppear >= lastDay);
        Assert.Empty(application.ProvisionalYears!);
        var entry = state.Events[^1];
        Assert.Equal(MarriageEventKind.DivorceDeadlinesRecomputed, entry.Kind);
        Assert.Contains($"{coolingOff:yyyy-MM-dd} -> {application.CoolingOffEnds:yyyy-MM-dd}", entry.Details);
        Assert.Contains("test notice", entry.Reason);
        Assert.Equal(0, later.RecomputeDeadlines(next, loaded));

        var earlier = DivorcePeriods.Recompute(received, application.CoolingOffEnds.AddDays(3),
            application.LastDayToAppear.AddDays(3), WeekendsOnly);
        Assert.Equal(application.CoolingOffEnds.AddDays(3), earlier.CoolingOffEnds);
        Assert.True(earlier.LastDayToAppear >= application.LastDayToAppear.AddDays(3));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void RecordPriorStatusOfHolds_GivesEachPartyTheRecordsOfTheirOwnHold(bool manHasTheEarlierRecord)
    {
        var marriage = Registered();
        var earlier = new MarriageSummary("M-earlier", MarriageStatus.Divorced, Office, new DateOnly(2015, 5, 1),
            $"J{Office}-2015-000001", "A", "甲", "B", "乙", null, null);
        var holder = manHasTheEarlierRecord ? man : woman;
        var inHoldOrder = MarriageRules.HoldOrder(man, woman)
            .Select(key => key == holder ? (IReadOnlyList<MarriageSummary>)[earlier] : [])
            .ToArray();

        marriage.RecordPriorStatusOfHolds(inHoldOrder);

        Assert.Equal(manHasTheEarlierRecord ? PriorMaritalStatus.Divorced : PriorMaritalStatus.NeverMarried,
            state.PartyA.PriorStatus);
        Assert.Equal(manHasTheEarlierRecord ? PriorMaritalStatus.NeverMarried : PriorMaritalStatus.Divorced,
            state.PartyB.PriorStatus);
    }

    [Fact]
    public void DocumentsToResolve_AreThePresentedDocumentsOtherThanThePartiesOwn_EachOnce()
    {
        var marriage = Registered();
        var renewed = TestPeople.Man();

        var toResolve = marriage.DocumentsToResolve([man, renewed, null, "not-a-document", renewed, woman]);

        Assert.Equal([renewed], toResolve);
        Assert.Empty(marriage.DocumentsToResolve([woman, man]));
    }

    [Fact]
    public void OpenApplicationDays_FollowTheOpenApplication_AndAreNoneOnceItIsWithdrawn()
    {
        var marriage = Registered();
        Assert.Null(marriage.LatestOpenApplicationReceivedOn);
        Assert.Null(marriage.LastDayToAppearOfOpenApplications);

        var application = Applied(marriage);

        Assert.Equal(application.ReceivedOn, marriage.LatestOpenApplicationReceivedOn);
        Assert.Equal(application.LastDayToAppear, marriage.LastDayToAppearOfOpenApplications);
        marriage.WithdrawDivorceApplication(application.Sequence, new WithdrawDivorceApplication(man, null));
        Assert.Null(marriage.LatestOpenApplicationReceivedOn);
        Assert.Null(marriage.LastDayToAppearOfOpenApplications);
    }
}
