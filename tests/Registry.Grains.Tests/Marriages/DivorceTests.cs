using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Marriages;
using Registry.Grains.Tests.Persons;

namespace Registry.Grains.Tests.Marriages;

/// <summary>Divorce by registration with its cooling-off period, on a controlled clock that only moves
/// forward.</summary>
[Collection(MarriageClusterCollection.Name)]
public sealed class DivorceTests(MarriageClusterFixture fixture)
{
    private HolidayCalendar Calendar =>
        new(fixture.SiloServices.GetRequiredService<IOptions<HolidayCalendarOptions>>().Value);

    private async Task<(string MarriageId, string Man, string Woman, string Office)> MarriedCoupleAsync()
    {
        var (man, woman, office) = (TestPeople.Man(), TestPeople.Woman(), MarriageClusterFixture.NextOffice());
        var registration = await fixture.RegisterAsync(man, woman, office);
        return (registration.MarriageId, man, woman, office);
    }

    private static int Sequence(DivorceApplicationDetails receipt)
    {
        Assert.True(DivorceApplicationId.TryParse(receipt.ApplicationId, out _, out var sequence));
        return sequence;
    }

    [Fact]
    public async Task ApplyForDivorceAsync_GivesTheReceiptWithBothDeadlinesAndRefusesASecondOpenApplication()
    {
        var (id, man, woman, office) = await MarriedCoupleAsync();
        var today = fixture.Today;

        var receipt = await fixture.Marriage(id).ApplyForDivorceAsync(TestDivorces.Application(office, man, woman, "协议书 (test)"));

        var (coolingOffEnds, lastDay) = DivorcePeriods.For(today, Calendar);
        Assert.Equal((today, coolingOffEnds, lastDay),
            (receipt.ReceivedOn, receipt.CoolingOffEnds, receipt.LastDayToAppear));
        Assert.True(coolingOffEnds >= today.AddDays(30) && lastDay >= coolingOffEnds.AddDays(30));
        Assert.False(Calendar.IsRestDay(coolingOffEnds) || Calendar.IsRestDay(lastDay));
        Assert.Equal(DivorceApplicationStatus.CoolingOff, receipt.Status);
        Assert.Equal(id, receipt.MarriageId);
        var again = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Marriage(id).ApplyForDivorceAsync(TestDivorces.Application(office, man, woman, "again")));
        Assert.Equal((DomainErrorKind.Conflict, "divorce-application-open"), (again.Kind, again.Rule));
    }

    [Fact]
    public async Task WithdrawAsync_WithAnOverlongReason_IsRefusedAndTheApplicationStaysOpen()
    {
        var (id, man, woman, office) = await MarriedCoupleAsync();
        var receipt = await fixture.Marriage(id).ApplyForDivorceAsync(TestDivorces.Application(office, man, woman, "协议书"));

        var refused = await Assert.ThrowsAsync<DomainException>(() => fixture.Marriage(id)
            .WithdrawDivorceApplicationAsync(Sequence(receipt),
                new WithdrawDivorceApplication(man, new string('理', MarriageRules.MaxReasonLength + 1))));

        Assert.Equal((DomainErrorKind.Invalid, "field-too-long", "reason"),
            (refused.Kind, refused.Rule, refused.Field));
        var application = await fixture.Marriage(id).GetDivorceApplicationAsync(Sequence(receipt));
        Assert.Equal(DivorceApplicationStatus.CoolingOff, application.Status);
    }

    [Fact]
    public async Task WithdrawAsync_ByEitherPartyDuringCoolingOff_ClosesItAndItCannotBeRegistered()
    {
        var (id, man, woman, office) = await MarriedCoupleAsync();
        var receipt = await fixture.Marriage(id).ApplyForDivorceAsync(TestDivorces.Application(office, man, woman, "协议书"));
        var stranger = await Assert.ThrowsAsync<DomainException>(() => fixture.Marriage(id)
            .WithdrawDivorceApplicationAsync(Sequence(receipt),
                new WithdrawDivorceApplication(TestPeople.Man(), null)));

        fixture.MoveTo(receipt.CoolingOffEnds);
        var withdrawn = await fixture.Marriage(id)
            .WithdrawDivorceApplicationAsync(Sequence(receipt),
                new WithdrawDivorceApplication(woman, "changed her mind"));
        fixture.MoveTo(receipt.CoolingOffEnds.AddDays(1));
        var register = await Assert.ThrowsAsync<DomainException>(() => fixture.Marriage(id)
            .RegisterDivorceAsync(Sequence(receipt), TestDivorces.Registration(office, man, woman)));

        Assert.Equal("party-not-in-marriage", stranger.Rule);
        Assert.Equal((DivorceApplicationStatus.Withdrawn, woman), (withdrawn.Status, withdrawn.WithdrawnBy));
        Assert.Equal((DomainErrorKind.Conflict, "divorce-application-withdrawn"), (register.Kind, register.Rule));
        var marriage = await fixture.Marriage(id).GetAsync();
        Assert.Equal(MarriageStatus.InForce, marriage.Status);
        Assert.Equal(MarriageEventKind.DivorceWithdrawn, marriage.History[^1].Kind);
    }

    [Fact]
    public async Task WithdrawAsync_AfterCoolingOff_IsCoolingOffOver()
    {
        var (id, man, woman, office) = await MarriedCoupleAsync();
        var receipt = await fixture.Marriage(id).ApplyForDivorceAsync(TestDivorces.Application(office, man, woman, "协议书"));
        fixture.MoveTo(receipt.CoolingOffEnds.AddDays(1));

        var error = await Assert.ThrowsAsync<DomainException>(() => fixture.Marriage(id)
            .WithdrawDivorceApplicationAsync(Sequence(receipt), new WithdrawDivorceApplication(man, null)));

        Assert.Equal((DomainErrorKind.RuleViolation, "cooling-off-over"), (error.Kind, error.Rule));
    }

    [Fact]
    public async Task RegisterDivorceAsync_OnlyInsideTheWindowAndAtTheSameOffice_IssuesAnLCertificate()
    {
        var (id, man, woman, office) = await MarriedCoupleAsync();
        var receipt = await fixture.Marriage(id).ApplyForDivorceAsync(TestDivorces.Application(office, man, woman, "协议书"));
        var sequence = Sequence(receipt);

        fixture.MoveTo(receipt.CoolingOffEnds);
        var early = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Marriage(id).RegisterDivorceAsync(sequence, TestDivorces.Registration(office, man, woman)));
        fixture.MoveTo(receipt.CoolingOffEnds.AddDays(1));
        var elsewhere = await Assert.ThrowsAsync<DomainException>(() => fixture.Marriage(id)
            .RegisterDivorceAsync(sequence, TestDivorces.Registration(MarriageClusterFixture.NextOffice(), man, woman)));
        var absent = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Marriage(id).RegisterDivorceAsync(sequence, new RegisterDivorce(office, [TestDivorces.Appearance(man), TestDivorces.Appearance(woman) with { AppearedInPerson = false }])));
        var divorce = await fixture.Marriage(id).RegisterDivorceAsync(sequence, TestDivorces.Registration(office, man, woman));

        Assert.Equal("cooling-off-not-over", early.Rule);
        Assert.Equal("divorce-office-mismatch", elsewhere.Rule);
        Assert.Equal("party-must-appear-in-person", absent.Rule);
        Assert.Matches($"^L{office}-{fixture.Today.Year}-\\d{{6}}$", divorce.CertificateNumber);
        var marriage = await fixture.Marriage(id).GetAsync();
        Assert.Equal((MarriageStatus.Divorced, fixture.Today), (marriage.Status, marriage.EndedOn));
        Assert.Equal(2, marriage.Certificates.Count(c => c.Number == divorce.CertificateNumber));
        Assert.Equal(DivorceApplicationStatus.Registered, marriage.DivorceApplications.Single().Status);
        foreach (var person in new[] { man, woman })
        {
            Assert.Equal(MaritalStatus.Divorced, (await fixture.Person(person).GetMaritalStatusAsync()).Status);
        }

        var twice = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Marriage(id).RegisterDivorceAsync(sequence, TestDivorces.Registration(office, man, woman)));
        var notCurrent = await Assert.ThrowsAsync<DomainException>(() =>
            fixture.Marriage(id).ApplyForDivorceAsync(TestDivorces.Application(office, man, woman, "again")));
        Assert.Equal("divorce-already-registered", twice.Rule);
        Assert.Equal("marriage-not-current", notCurrent.Rule);
        Assert.Contains($"(divorced, since {fixture.Today:yyyy-MM-dd})", notCurrent.Message, StringComparison.Ordinal);
        await fixture.RegisterAsync(man, TestPeople.Woman(), MarriageClusterFixture.NextOffice());
    }

    [Fact]
    public async Task ApplyDeadlinesAsync_AfterTheLastDay_DeemsTheApplicationWithdrawnOnceAndDurably()
    {
        var (id, man, woman, office) = await MarriedCoupleAsync();
        var receipt = await fixture.Marriage(id).ApplyForDivorceAsync(TestDivorces.Application(office, man, woman, "协议书"));
        var grainId = fixture.Marriage(id).GetGrainId();
        var reminders = fixture.SiloServices.GetRequiredService<IReminderTable>();
        Assert.Single((await reminders.ReadRows(grainId)).Reminders);

        fixture.MoveTo(receipt.LastDayToAppear);
        var onLastDay = await fixture.Marriage(id).ApplyDeadlinesAsync();
        fixture.MoveTo(receipt.LastDayToAppear.AddDays(1));
        var applied = await fixture.Marriage(id).ApplyDeadlinesAsync();
        var again = await fixture.Marriage(id).ApplyDeadlinesAsync();

        Assert.Equal((0, 1, 0), (onLastDay, applied, again));
        var marriage = await fixture.Marriage(id).GetAsync();
        var lapse = Assert.Single(marriage.History, e => e.Kind == MarriageEventKind.DivorceDeemedWithdrawn);
        Assert.Equal(receipt.LastDayToAppear.AddDays(1), lapse.EffectiveDate);
        Assert.Equal(DivorceApplicationStatus.DeemedWithdrawn, marriage.DivorceApplications.Single().Status);
        Assert.Equal(MarriageStatus.InForce, marriage.Status);
        Assert.Empty((await reminders.ReadRows(grainId)).Reminders);
        var register = await Assert.ThrowsAsync<DomainException>(() => fixture.Marriage(id)
            .RegisterDivorceAsync(Sequence(receipt), TestDivorces.Registration(office, man, woman)));
        Assert.Equal((DomainErrorKind.Conflict, "divorce-application-expired"), (register.Kind, register.Rule));

        // Stored, not recomputed: a fresh activation reads the same outcome.
        await fixture.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(DivorceApplicationStatus.DeemedWithdrawn,
            (await fixture.Marriage(id).GetDivorceApplicationAsync(Sequence(receipt))).Status);
        Assert.Single((await fixture.Marriage(id).GetAsync()).History,
            e => e.Kind == MarriageEventKind.DivorceDeemedWithdrawn);
    }

    [Fact]
    public async Task ApplyForDivorceAsync_CoolingOffEndingOnConfiguredHolidays_MovesToTheNextWorkingDay()
    {
        var (id, man, woman, office) = await MarriedCoupleAsync();
        fixture.MoveTo(MarriageClusterFixture.HolidayReceiptDay);

        var receipt = await fixture.Marriage(id).ApplyForDivorceAsync(TestDivorces.Application(office, man, woman, "协议书"));

        var natural = MarriageClusterFixture.HolidayReceiptDay.AddDays(30);
        Assert.Equal(MarriageClusterFixture.Holidays[0], natural);
        var expected = natural.AddDays(2);
        while (expected.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            expected = expected.AddDays(1);
        }

        Assert.Equal(expected, receipt.CoolingOffEnds);
        Assert.True(receipt.LastDayToAppear >= expected.AddDays(30));
    }
}
