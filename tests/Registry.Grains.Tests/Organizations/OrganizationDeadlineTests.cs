using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;

namespace Registry.Grains.Tests.Organizations;

/// <summary>The annual cycle on a running silo with a moving clock: windows, deadlines via the reminder's tick,
/// exactly-once across restarts.</summary>
[Collection(OrganizationClusterCollection.Name)]
public sealed class OrganizationDeadlineTests(OrganizationClusterFixture fixture)
{
    private IOrganizationGrain Organization(string uscc) => fixture.Grains.GetGrain<IOrganizationGrain>(uscc);

    private static GrainId GrainOf(string uscc) => GrainId.Create(StorageNames.OrganizationGrainType, uscc);

    private IOrganizationDeadlineSweepGrain SweepOf(string uscc) =>
        fixture.Grains.GetGrain<IOrganizationDeadlineSweepGrain>(OrganizationIndex.PartitionOf(uscc));

    /// <summary>What the reminder service does when the deadline sweep of the organization's partition is due.</summary>
    private Task DeliverReminderTickAsync(string uscc) =>
        SweepOf(uscc).AsReference<IRemindable>().ReceiveReminder(OrganizationDeadlineSweepGrain.SweepReminder,
            new TickStatus(DateTime.UtcNow, Registry.Grains.Deadlines.DeadlineReminders.Period, DateTime.UtcNow));

    /// <summary>When the reminder of the organization's partition sweep is next due, from now on the test's clock.</summary>
    private async Task<TimeSpan> SweepDueInAsync(string uscc)
    {
        var row = await fixture.SiloServices.GetRequiredService<IReminderTable>()
            .ReadRow(SweepOf(uscc).GetGrainId(), OrganizationDeadlineSweepGrain.SweepReminder);
        Assert.NotNull(row);
        Assert.Equal(Registry.Grains.Deadlines.DeadlineReminders.Period, row.Period);
        return row.StartAt - DateTime.UtcNow;
    }

    /// <summary>How long from the test clock's now until the start of <paramref name="day"/> in Beijing.</summary>
    private TimeSpan UntilStartOf(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8)) - fixture.Time.GetUtcNow();

    /// <summary>The report year whose default window (Jan 1 - May 31) is open today, moving the clock into the next
    /// one if none is.</summary>
    private int MoveIntoAFilingWindow()
    {
        var today = fixture.Today;
        if (today.Month > 5)
        {
            fixture.AdvanceTo(new DateOnly(today.Year + 1, 1, 10));
        }

        return fixture.Today.Year - 1;
    }

    private static AnnualReportContent Content(decimal income = 88_000m) => CycleTestData.Content(income: income);

    [Fact]
    public async Task FileAnnualReportAsync_InsideTheWindow_StoresVersionOne_ASecondIsAConflict()
    {
        var command = Registration.Valid();
        await Organization(command.Uscc).RegisterAsync(command);
        var year = MoveIntoAFilingWindow();

        var report = await Organization(command.Uscc).FileAnnualReportAsync(
            new FileAnnualReport(year, Content(), ReportFiler.Organization, null));
        var error = await Assert.ThrowsAsync<DomainException>(() => Organization(command.Uscc).FileAnnualReportAsync(
            new FileAnnualReport(year, Content(income: 60_000m), ReportFiler.Organization, null)));

        var version = Assert.Single(report.Versions);
        Assert.Equal((1, fixture.Today, 88_000m, false), (version.Version, version.FiledOn, version.Content.Income, report.FiledLate));
        Assert.Equal((DomainErrorKind.Conflict, "annual-report-already-filed"), (error.Kind, error.Rule));
        Assert.Equal(88_000m, (await Organization(command.Uscc).GetAnnualReportAsync(year)).Versions.Single().Content.Income);
    }

    [Fact]
    public async Task FileAnnualReportAsync_OfficeWithItsOwnWindow_AcceptsAfterTheDefaultWindowClosed()
    {
        var standard = Registration.Valid();
        var longWindow = Registration.Valid(OrganizationClusterFixture.LongWindowOffice);
        await Organization(standard.Uscc).RegisterAsync(standard);
        await Organization(longWindow.Uscc).RegisterAsync(longWindow);
        var today = fixture.Today;
        var july = new DateOnly(today.Year + (today.Month >= 7 ? 1 : 0), 7, 15);
        fixture.AdvanceTo(july);
        var filing = new FileAnnualReport(july.Year - 1, Content(), ReportFiler.Organization, null);

        var error = await Assert.ThrowsAsync<DomainException>(() => Organization(standard.Uscc).FileAnnualReportAsync(filing));
        var report = await Organization(longWindow.Uscc).FileAnnualReportAsync(filing);

        Assert.Equal("annual-report-window", error.Rule);
        Assert.Equal(july, report.Versions[0].FiledOn);
    }

    [Fact]
    public async Task SweepTick_AfterTheWindowClosesUnfiled_ListsOnceWithTheDeadlinesDateAndReArmsForTheNextDay()
    {
        var command = Registration.Valid();
        await Organization(command.Uscc).RegisterAsync(command);
        var reminders = fixture.SiloServices.GetRequiredService<IReminderTable>();
        Assert.Null(await reminders.ReadRow(GrainOf(command.Uscc), OrganizationGrain.DeadlineReminder));
        await SweepDueInAsync(command.Uscc); // the partition's sweep is armed, the organization has no reminder

        var reportYear = fixture.Today.Month > 5 ? fixture.Today.Year : fixture.Today.Year - 1;
        var deadline = new DateOnly(reportYear + 1, 6, 1);
        fixture.AdvanceTo(deadline.AddDays(-10));
        await DeliverReminderTickAsync(command.Uscc);
        Assert.Empty((await Organization(command.Uscc).GetAsync()).ListEntries);
        var expected = UntilStartOf(fixture.Today.AddDays(1));
        Assert.InRange(await SweepDueInAsync(command.Uscc), expected - TimeSpan.FromMinutes(1), expected);

        fixture.AdvanceTo(deadline.AddDays(2));
        await DeliverReminderTickAsync(command.Uscc);
        await DeliverReminderTickAsync(command.Uscc);

        var entry = Assert.Single((await Organization(command.Uscc).GetAsync()).ListEntries);
        Assert.Equal((OrganizationList.Abnormal, ListGrounds.AnnualReportNotFiled, reportYear, deadline, AuditScope.SystemActor),
            (entry.List, entry.Ground, entry.Year, entry.ListedOn, entry.ListedBy));
        Assert.Empty(await Organization(command.Uscc).ApplyDeadlinesAsync());
    }

    [Fact]
    public async Task SweepTicks_ListEveryUnfiledOrganizationOfManyOnceWithTheDeadlinesDate_AndLeaveTheFiledAndTheDeregisteredAlone()
    {
        var commands = Enumerable.Range(0, 40).Select(_ => Registration.Valid()).ToList();
        foreach (var command in commands)
        {
            await Organization(command.Uscc).RegisterAsync(command);
        }

        var (filed, ended) = (commands[0], commands[1]);
        var reportYear = MoveIntoAFilingWindow();
        await Organization(filed.Uscc).FileAnnualReportAsync(new FileAnnualReport(reportYear, Content(), ReportFiler.Organization, null));
        await Organization(ended.Uscc).DeregisterAsync(new DeregisterOrganization("自行解散，清算完毕"));
        var deadline = new DateOnly(reportYear + 1, 6, 1);
        var partitions = commands.Select(c => OrganizationIndex.PartitionOf(c.Uscc)).Distinct().ToList();
        Assert.True(partitions.Count > 10, $"the organizations fell in {partitions.Count} partitions only");

        fixture.AdvanceTo(deadline.AddDays(-1));
        foreach (var partition in partitions)
        {
            var early = await fixture.Grains.GetGrain<IOrganizationIndexGrain>(partition).DueAsync(fixture.Today);
            Assert.DoesNotContain(early, uscc => commands.Any(c => c.Uscc == uscc));
        }

        fixture.AdvanceTo(deadline.AddDays(3));
        foreach (var partition in partitions)
        {
            await fixture.Grains.GetGrain<IOrganizationDeadlineSweepGrain>(partition).SweepAsync();
        }

        var histories = new Dictionary<string, int>();
        foreach (var command in commands)
        {
            var details = await Organization(command.Uscc).GetAsync();
            if (command == filed || command == ended)
            {
                Assert.Empty(details.ListEntries);
            }
            else
            {
                var entry = Assert.Single(details.ListEntries);
                Assert.Equal((OrganizationList.Abnormal, ListGrounds.AnnualReportNotFiled, reportYear, deadline, AuditScope.SystemActor),
                    (entry.List, entry.Ground, entry.Year, entry.ListedOn, entry.ListedBy));
            }

            histories[command.Uscc] = (await Organization(command.Uscc).GetHistoryAsync()).Count;
        }

        // A second tick (a repeated or late one) finds nothing due: the entries now name the next report year.
        foreach (var partition in partitions)
        {
            var due = await fixture.Grains.GetGrain<IOrganizationIndexGrain>(partition).DueAsync(fixture.Today);
            Assert.DoesNotContain(due, uscc => histories.ContainsKey(uscc));
            await DeliverReminderTickAsync(commands.First(c => OrganizationIndex.PartitionOf(c.Uscc) == partition).Uscc);
        }

        foreach (var command in commands)
        {
            Assert.Equal(histories[command.Uscc], (await Organization(command.Uscc).GetHistoryAsync()).Count);
        }
    }

    [Fact]
    public async Task AReminderOfItsOwnFromBeforeTheSweep_AppliesItsDeadlineOnce_ThenIsRemoved()
    {
        var command = Registration.Valid();
        await Organization(command.Uscc).RegisterAsync(command);
        var reminders = fixture.SiloServices.GetRequiredService<IReminderTable>();
        await reminders.UpsertRow(new ReminderEntry
        {
            GrainId = GrainOf(command.Uscc),
            ReminderName = OrganizationGrain.DeadlineReminder,
            StartAt = DateTime.UtcNow.AddDays(20),
            Period = Registry.Grains.Deadlines.DeadlineReminders.Period,
        });
        var reportYear = fixture.Today.Month > 5 ? fixture.Today.Year : fixture.Today.Year - 1;
        var deadline = new DateOnly(reportYear + 1, 6, 1);
        fixture.AdvanceTo(deadline.AddDays(1));

        await fixture.Grains.GetGrain<IRemindable>(GrainOf(command.Uscc)).ReceiveReminder(OrganizationGrain.DeadlineReminder,
            new TickStatus(DateTime.UtcNow, Registry.Grains.Deadlines.DeadlineReminders.Period, DateTime.UtcNow));

        var entry = Assert.Single((await Organization(command.Uscc).GetAsync()).ListEntries);
        Assert.Equal((ListGrounds.AnnualReportNotFiled, reportYear, deadline), (entry.Ground, entry.Year, entry.ListedOn));
        Assert.Null(await reminders.ReadRow(GrainOf(command.Uscc), OrganizationGrain.DeadlineReminder));
        await DeliverReminderTickAsync(command.Uscc);
        Assert.Single((await Organization(command.Uscc).GetAsync()).ListEntries);
    }

    [Fact]
    public async Task Deadlines_PassingWhileTheSiloIsDown_AreAppliedOnceAfterRestart_AndNotAgainAfterAnother()
    {
        var command = Registration.Valid();
        await Organization(command.Uscc).RegisterAsync(command);
        var reportYear = fixture.Today.Month > 5 ? fixture.Today.Year : fixture.Today.Year - 1;
        var deadline = new DateOnly(reportYear + 1, 6, 1);

        await fixture.RestartAsync();
        fixture.AdvanceTo(deadline.AddDays(1));
        await SweepDueInAsync(command.Uscc);
        await DeliverReminderTickAsync(command.Uscc);
        var history = await Organization(command.Uscc).GetHistoryAsync();

        await fixture.RestartAsync();
        await DeliverReminderTickAsync(command.Uscc);
        Assert.Empty(await Organization(command.Uscc).ApplyDeadlinesAsync());

        Assert.Equal(history.Count, (await Organization(command.Uscc).GetHistoryAsync()).Count);
        var listed = Assert.Single(history, e => e.Kind == OrganizationEventKind.Listed);
        Assert.Equal((deadline, reportYear), (listed.Date, listed.Year));
    }

    [Fact]
    public async Task RecordInspectionAsync_Fail_ListsAbnormalAndTheListShowsIt_LateReportThenRemoval()
    {
        RequestContext.Set(AuditScope.ActorKey, "registrar-zhou");
        var command = Registration.Valid();
        await Organization(command.Uscc).RegisterAsync(command);
        var year = MoveIntoAFilingWindow();
        await Organization(command.Uscc).FileAnnualReportAsync(new FileAnnualReport(year, Content(), ReportFiler.Organization, null));

        var result = await Organization(command.Uscc).RecordInspectionAsync(
            new RecordInspection(year, InspectionOutcome.Fail, "未按规定换届"));

        Assert.Equal((InspectionOutcome.Fail, fixture.Today, "registrar-zhou"), (result.Outcome, result.DecidedOn, result.DecidedBy));
        var listed = await fixture.Grains.GetGrain<IOrganizationSearchGrain>(0).SearchAsync(
            new OrganizationQuery(command.Name, null, null, null, OrganizationList.Abnormal, 0, 10));
        var entry = Assert.Single(listed.Items);
        Assert.Equal((command.Uscc, ListGrounds.AnnualInspectionFailed, year),
            (entry.Uscc, entry.Listings.Single().Ground, entry.Listings.Single().Year));

        await Organization(command.Uscc).RemoveFromListAsync(new RemoveFromList(OrganizationList.Abnormal, "已完成换届，经核实"));
        var after = await fixture.Grains.GetGrain<IOrganizationSearchGrain>(0).SearchAsync(
            new OrganizationQuery(command.Name, null, null, null, OrganizationList.Abnormal, 0, 10));
        Assert.Empty(after.Items);
        var removed = (await Organization(command.Uscc).GetAsync()).ListEntries.Single();
        Assert.Equal((fixture.Today, "已完成换届，经核实", "registrar-zhou"), (removed.RemovedOn!.Value, removed.RemovalGround!, removed.RemovedBy!));
    }

    [Fact]
    public async Task EvaluateGradeAsync_WhileListed_IsRefused_OtherwiseTooEarlyInTheFirstTwoYears()
    {
        var listed = Registration.Valid();
        var clean = Registration.Valid();
        await Organization(listed.Uscc).RegisterAsync(listed);
        await Organization(clean.Uscc).RegisterAsync(clean);
        var year = MoveIntoAFilingWindow();
        await Organization(listed.Uscc).FileAnnualReportAsync(new FileAnnualReport(year, Content(), ReportFiler.Organization, null));
        await Organization(listed.Uscc).RecordInspectionAsync(new RecordInspection(year, InspectionOutcome.Fail, "不合格"));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Organization(listed.Uscc).EvaluateGradeAsync(new EvaluateGrade(4, null)));
        var early = await Assert.ThrowsAsync<DomainException>(() =>
            Organization(clean.Uscc).EvaluateGradeAsync(new EvaluateGrade(4, "评估结论")));

        Assert.Equal((DomainErrorKind.RuleViolation, "grade-while-listed"), (error.Kind, error.Rule));
        Assert.Empty((await Organization(listed.Uscc).GetAsync()).Grades);
        Assert.Equal("grade-too-early", early.Rule);
        Assert.Empty((await Organization(clean.Uscc).GetAsync()).Grades);
    }
}
