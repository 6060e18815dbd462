using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Text;

namespace Registry.Grains.Organizations;

/// <summary>
/// Pure rules of the annual cycle (Registration Regulations; Credit Information Measures 2018): reports filed in
/// the window after their year, corrections as new versions until inspection, inspection outcomes, the lists and
/// their deadlines, grade evaluation. Reports are owed for every year from the founding year on; a window that
/// closed before the organization was entered in this registry lists nobody. Methods mutate the given state and
/// return what they recorded; they throw the rule a request breaks before changing anything.
/// </summary>
public static class AnnualCycle
{
    /// <summary>How long an organization stays on the abnormal list before it moves to the serious list, and how
    /// long it must be without new grounds before it may leave the serious list.</summary>
    public const int ListingYears = 2;

    public static int FirstReportYear(OrganizationState state) => state.FoundedOn.Year;

    /// <summary>On registration: windows that closed before the record existed are marked applied, listing nobody.</summary>
    public static void StartCycle(OrganizationState state, FilingWindowPolicy windows) =>
        StartCycle(state, windows, state.RegisteredOn);

    /// <summary>
    /// Starts the cycle on <paramref name="from"/>: windows closed by then are not this register's to apply (for a
    /// record entered from the existing register, its earlier years were handled there).
    /// </summary>
    public static void StartCycle(OrganizationState state, FilingWindowPolicy windows, DateOnly from)
    {
        var year = FirstReportYear(state) - 1;
        while (windows.For(state.RegisteringOffice, year + 1).Deadline <= from)
        {
            year++;
        }

        state.DeadlinesAppliedThrough = year;
    }

    /// <summary>
    /// The report years this register has asked of the organization so far, oldest first: from the founding year to
    /// the year whose window is the next to close (so a year is listed once the previous year's window has closed),
    /// leaving out years whose window had closed before the cycle started (registration, or the import from the
    /// existing register) unless a report was filed for them. A report is due when it was filed, or when its window
    /// closes after the cycle started and the organization had not ended (deregistered or revoked) before the window
    /// closed; a year listed but not due (the organization ended first) is listed so that a count made earlier can be
    /// withdrawn. Pure.
    /// </summary>
    public static IReadOnlyList<ReportDue> ReportsDue(OrganizationState state, FilingWindowPolicy windows)
    {
        var start = state.Events.FirstOrDefault(e => e.Kind == OrganizationEventKind.Imported)?.Date
            ?? state.RegisteredOn;
        var ended = state.DeregisteredOn ?? state.RevokedOn;
        var last = Math.Max(NextReportYear(state), state.Reports.Count == 0 ? 0 : state.Reports.Max(r => r.Year));
        var years = new List<ReportDue>();
        for (var year = FirstReportYear(state); year <= last; year++)
        {
            var window = windows.For(state.RegisteringOffice, year);
            var report = Report(state, year);
            var asked = window.Deadline > start;
            if (!asked && report is null)
            {
                continue;
            }

            var due = report is not null || (asked && (ended is null || ended >= window.Deadline));
            years.Add(new ReportDue(year, window, due, due && report?.Inspection is not null));
        }

        return years;
    }

    /// <summary>Refuses a year no window can be computed for.</summary>
    public static void EnsureReportYear(int year)
    {
        if (year is < 1900 or > 9000)
        {
            throw DomainException.Invalid("value-out-of-range", "year", "'year' is a calendar year.");
        }
    }

    public static AnnualReportRecord? Report(OrganizationState state, int year) =>
        state.Reports.FirstOrDefault(r => r.Year == year);

    /// <summary>Checks a first filing; returns whether it is late (registrar only, with a reason).</summary>
    public static bool CheckFiling(OrganizationState state, FileAnnualReport command, FilingWindow window,
        DateOnly today)
    {
        OrganizationRules.EnsureActive(state);
        if (command.Year < FirstReportYear(state))
        {
            throw DomainException.Violation("annual-report-year-before-founding",
                $"The organization was founded in {FirstReportYear(state)}; no report is owed for {command.Year}.");
        }

        if (Report(state, command.Year) is not null)
        {
            throw DomainException.Conflict("annual-report-already-filed",
                $"The report for {command.Year} has been filed; correct it instead of filing it again.");
        }

        var late = false;
        if (today < window.Opens)
        {
            throw DomainException.Violation("annual-report-window",
                $"The report for {command.Year} can be filed from {window.Opens:yyyy-MM-dd} to {window.Closes:yyyy-MM-dd}.");
        }

        if (today > window.Closes)
        {
            if (command.FiledAs != ReportFiler.Registrar || string.IsNullOrWhiteSpace(command.LateFilingReason))
            {
                throw DomainException.Violation("annual-report-window",
                    $"The window for the {command.Year} report closed on {window.Closes:yyyy-MM-dd}; only the registrar " +
                    "can record a late report, stating lateFilingReason.");
            }

            late = true;
        }

        OrganizationRules.CheckOptionalText("lateFilingReason", command.LateFilingReason,
            OrganizationRules.MaxLongTextLength);
        CheckContent(state, command.Year, command.Content);
        return late;
    }

    public static AnnualReportRecord File(OrganizationState state, FileAnnualReport command, bool late,
        DateOnly today, EventStamp stamp, CharityRatios? ratios = null)
    {
        var reason = late ? command.LateFilingReason!.Trim() : null;
        var report = new AnnualReportRecord
        {
            Year = command.Year,
            FiledLate = late,
            Versions = [new AnnualReportVersion(1, Trim(command.Content), today, stamp.At, stamp.By, command.FiledAs, reason,
                ratios)],
        };
        state.Reports.Add(report);
        state.Reports.Sort((a, b) => a.Year.CompareTo(b.Year));
        state.Drafts.RemoveAll(d => d.Year == command.Year);
        OrganizationHistory.Add(state, OrganizationEventKind.AnnualReportFiled, today, stamp, reason, command.Year);
        return report;
    }

    /// <summary>
    /// Saves the draft of a year's report: only while the organization is active and the year is owed and not yet
    /// filed. The form is not checked (a draft may be incomplete or not yet balance); filing checks everything.
    /// </summary>
    public static AnnualReportDraftDetails SaveDraft(OrganizationState state, SaveAnnualReportDraft command,
        DateOnly today, EventStamp stamp)
    {
        OrganizationRules.EnsureActive(state);
        EnsureReportYear(command.Year);
        if (command.Year < FirstReportYear(state) || command.Year > today.Year)
        {
            throw DomainException.Violation("annual-report-draft-year",
                $"A report is drafted for a year from {FirstReportYear(state)} (founding) to {today.Year}; not {command.Year}.");
        }

        if (Report(state, command.Year) is not null)
        {
            throw DomainException.Conflict("annual-report-already-filed",
                $"The report for {command.Year} has been filed; correct it instead of drafting it again.");
        }

        if (string.IsNullOrWhiteSpace(command.Form) || command.Form.Length > AnnualReportDraftDetails.MaxFormLength)
        {
            throw DomainException.Invalid("text-too-long", "body",
                $"A draft is a report form of up to {AnnualReportDraftDetails.MaxFormLength} characters.");
        }

        var previous = state.Drafts.FirstOrDefault(d => d.Year == command.Year);
        var draft = new AnnualReportDraftDetails(command.Year, command.Form, (previous?.Revision ?? 0) + 1, today,
            stamp.At, stamp.By, command.SavedAs);
        state.Drafts.RemoveAll(d => d.Year == command.Year);
        state.Drafts.Add(draft);
        state.Drafts.Sort((a, b) => a.Year.CompareTo(b.Year));
        return draft;
    }

    public static AnnualReportDraftDetails Draft(OrganizationState state, int year) =>
        state.Drafts.FirstOrDefault(d => d.Year == year) ?? throw DomainException.NotFound(
            "annual-report-draft-not-found", $"No draft of the {year} report of {state.Uscc} is saved.");

    public static AnnualReportRecord Correct(OrganizationState state, CorrectAnnualReport command, DateOnly today,
        EventStamp stamp, CharityRatios? ratios = null)
    {
        OrganizationRules.EnsureActive(state);
        var report = Report(state, command.Year) ?? throw DomainException.NotFound("annual-report-not-found",
            $"No report for {command.Year} has been filed by {state.Uscc}.");
        if (report.Inspection is not null)
        {
            throw DomainException.Conflict("annual-report-inspected",
                $"The report for {command.Year} was inspected on {report.Inspection.DecidedOn:yyyy-MM-dd}; it can no longer be corrected.");
        }

        OrganizationRules.CheckReason(command.Reason);
        CheckContent(state, command.Year, command.Content);
        report.Versions.Add(new AnnualReportVersion(report.Versions.Count + 1, Trim(command.Content), today, stamp.At,
            stamp.By, command.FiledAs, command.Reason.Trim(), ratios));
        OrganizationHistory.Add(state, OrganizationEventKind.AnnualReportCorrected, today, stamp, command.Reason,
            command.Year);
        return report;
    }

    /// <summary>Records an inspection; a fail is a ground for the abnormal list and may flag revocation.</summary>
    public static InspectionResult Inspect(OrganizationState state, RecordInspection command, DateOnly today,
        EventStamp stamp)
    {
        OrganizationRules.EnsureActive(state);
        OrganizationRules.CheckDefined("outcome", command.Outcome);
        var report = Report(state, command.Year) ?? throw DomainException.Violation("inspection-before-report",
            $"No report for {command.Year} has been filed; there is nothing to inspect.");
        if (report.Inspection is not null)
        {
            throw DomainException.Conflict("inspection-already-recorded",
                $"The {command.Year} report was inspected on {report.Inspection.DecidedOn:yyyy-MM-dd} ({Terms.Outcome(report.Inspection.Outcome)}).");
        }

        if (command.Outcome != InspectionOutcome.Pass)
        {
            OrganizationRules.CheckReason(command.Reasons, "reasons");
        }
        else
        {
            OrganizationRules.CheckOptionalText("reasons", command.Reasons, OrganizationRules.MaxLongTextLength);
        }

        var result = new InspectionResult(command.Year, command.Outcome, command.Reasons?.Trim(), today, stamp.By);
        report.Inspection = result;
        OrganizationHistory.Add(state, OrganizationEventKind.InspectionRecorded, today, stamp, command.Reasons,
            command.Year, ground: ApiTerms.Value(command.Outcome));
        if (command.Outcome == InspectionOutcome.Fail)
        {
            AddGround(state, ListGrounds.AnnualInspectionFailed, command.Year, today, stamp, command.Reasons);
            FlagIfConsecutive(state, command.Year, today, stamp);
        }

        return result;
    }

    /// <summary>
    /// Applies, in date order, every deadline on or before <paramref name="today"/> not applied yet: the close of
    /// each report year's window and the move from the abnormal to the serious list. Each carries its own date.
    /// Applying again changes nothing. Deregistered organizations have no deadlines.
    /// </summary>
    public static IReadOnlyList<OrganizationEvent> ApplyDeadlines(OrganizationState state, FilingWindowPolicy windows,
        DateOnly today, EventStamp stamp)
    {
        var before = state.Events.Count;
        while (state.Status == OrganizationStatus.Active)
        {
            var year = NextReportYear(state);
            var close = windows.For(state.RegisteringOffice, year).Deadline;
            var escalation = EscalationDate(state);
            if (escalation is { } moveOn && moveOn <= today && moveOn < close)
            {
                Escalate(state, moveOn, stamp);
            }
            else if (close <= today)
            {
                CloseWindow(state, year, close, stamp);
            }
            else
            {
                break;
            }
        }

        return state.Events.Skip(before).ToList();
    }

    /// <summary>The next date on which <see cref="ApplyDeadlines"/> has something to do, or null for none.</summary>
    public static DateOnly? NextDeadline(OrganizationState state, FilingWindowPolicy windows) =>
        state.Status != OrganizationStatus.Active
            ? null
            : NextDeadline(state.RegisteringOffice, NextReportYear(state),
                state.ListEntries.Where(e => e.IsActive).Select(e => (e.List, e.ListedOn)), windows);

    /// <summary>
    /// <see cref="NextDeadline(OrganizationState, FilingWindowPolicy)"/> from what the search index keeps of the
    /// organization (its <see cref="OrganizationIndexEntry.NextReportYear"/> and active listings), with today's
    /// filing windows; null when not active, or for an entry stored before it carried the report year.
    /// </summary>
    public static DateOnly? NextDeadline(OrganizationIndexEntry entry, FilingWindowPolicy windows) =>
        entry.Status != OrganizationStatus.Active || entry.NextReportYear is not { } year
            ? null
            : NextDeadline(entry.RegisteringOffice, year, entry.Listings.Select(l => (l.List, l.ListedOn)), windows);

    /// <summary>The report year whose window close is the active organization's next deadline (what the index
    /// entry carries), or null when it is not active.</summary>
    public static int? PendingReportYear(OrganizationState state) =>
        state.Status == OrganizationStatus.Active ? NextReportYear(state) : null;

    private static DateOnly NextDeadline(string office, int reportYear,
        IEnumerable<(OrganizationList List, DateOnly ListedOn)> activeListings, FilingWindowPolicy windows)
    {
        var close = windows.For(office, reportYear).Deadline;
        return EscalationDate(activeListings) is { } escalation && escalation < close ? escalation : close;
    }

    /// <summary>Lists the organization as abnormal on the registrar's finding that it cannot be reached at its
    /// registered address.</summary>
    public static ListEntry ListUnreachable(OrganizationState state, RecordUnreachable command, DateOnly today,
        EventStamp stamp)
    {
        OrganizationRules.EnsureActive(state);
        OrganizationRules.CheckReason(command.Findings, "findings");
        if (state.ListEntries.FirstOrDefault(e => e.IsActive && e.Ground == ListGrounds.UnreachableAtRegisteredAddress)
            is { } listed)
        {
            throw DomainException.Conflict("already-listed-unreachable",
                $"Organization {state.Uscc} is on the abnormal list as unreachable since {listed.ListedOn:yyyy-MM-dd}.");
        }

        return AddGround(state, ListGrounds.UnreachableAtRegisteredAddress, null, today, stamp, command.Findings.Trim());
    }

    /// <summary>Closes the organization's active entries on a list by registrar decision.</summary>
    public static IReadOnlyList<ListEntry> RemoveFromList(OrganizationState state, RemoveFromList command,
        DateOnly today, EventStamp stamp)
    {
        OrganizationRules.CheckDefined("list", command.List);
        OrganizationRules.CheckReason(command.Ground, "ground");
        var active = state.ListEntries.Where(e => e.IsActive && e.List == command.List).ToList();
        if (active.Count == 0)
        {
            throw DomainException.Violation("not-on-list", $"Organization {state.Uscc} is not on the {Terms.List(command.List)}.");
        }

        if (command.List == OrganizationList.Abnormal)
        {
            var unmet = active
                .Where(e => e.Ground == ListGrounds.AnnualReportNotFiled && e.Year is { } y && Report(state, y) is null)
                .Select(e => e.Year!.Value)
                .ToList();
            if (unmet.Count > 0)
            {
                throw DomainException.Violation("abnormal-obligation-unmet",
                    $"The report for {string.Join(", ", unmet)} is still not filed; it must be filed (late, by the registrar) before removal.");
            }
        }
        else
        {
            if (state.ListEntries.Any(e => e.IsActive && e.List == OrganizationList.Abnormal))
            {
                throw DomainException.Violation("abnormal-listing-outstanding",
                    "The organization is still on the abnormal list; it leaves that list first.");
            }

            var listedOn = active.Min(e => e.ListedOn);
            var lastGround = state.ListEntries.Where(e => e.ListedOn >= listedOn).Max(e => e.ListedOn);
            var earliest = lastGround.AddYears(ListingYears);
            if (today < earliest)
            {
                throw DomainException.Violation("serious-list-removal-too-early",
                    $"The last ground was recorded on {lastGround:yyyy-MM-dd}; removal is possible from {earliest:yyyy-MM-dd} (two years without new grounds).");
            }
        }

        var closed = new List<ListEntry>();
        foreach (var entry in active)
        {
            closed.Add(Close(state, entry, today, command.Ground.Trim(), stamp));
        }

        return closed;
    }

    private static int NextReportYear(OrganizationState state) =>
        (state.DeadlinesAppliedThrough ?? FirstReportYear(state) - 1) + 1;

    /// <summary>Two years after the earliest active abnormal entry, unless already on the serious list.</summary>
    private static DateOnly? EscalationDate(OrganizationState state) =>
        EscalationDate(state.ListEntries.Where(e => e.IsActive).Select(e => (e.List, e.ListedOn)));

    /// <summary>The rule over active listings alone, so the index's copy of them gives the same date.</summary>
    private static DateOnly? EscalationDate(IEnumerable<(OrganizationList List, DateOnly ListedOn)> activeListings)
    {
        var listings = activeListings.ToList();
        if (listings.Any(l => l.List == OrganizationList.SeriousDishonesty))
        {
            return null;
        }

        return listings
            .Where(l => l.List == OrganizationList.Abnormal)
            .Select(l => (DateOnly?)l.ListedOn.AddYears(ListingYears))
            .Min();
    }

    private static void CloseWindow(OrganizationState state, int year, DateOnly deadline, EventStamp stamp)
    {
        state.DeadlinesAppliedThrough = year;
        if (Report(state, year) is { } report && report.FiledOn < deadline)
        {
            return;
        }

        AddGround(state, ListGrounds.AnnualReportNotFiled, year, deadline, stamp,
            $"The report for {year} was not filed by the close of its window.");
        FlagIfConsecutive(state, year, deadline, stamp);
    }

    private static void Escalate(OrganizationState state, DateOnly date, EventStamp stamp)
    {
        foreach (var entry in state.ListEntries.Where(e => e.IsActive && e.List == OrganizationList.Abnormal).ToList())
        {
            Close(state, entry, date, ListGrounds.MovedToSeriousList, stamp);
        }

        var serious = new ListEntry(state.ListEntries.Count + 1, OrganizationList.SeriousDishonesty,
            ListGrounds.AbnormalListTwoYears, null, date, stamp.By, null, null, null);
        state.ListEntries.Add(serious);
        OrganizationHistory.Add(state, OrganizationEventKind.Listed, date, stamp,
            "Two years on the abnormal-activity list.", list: serious.List, ground: serious.Ground);
        Grading.EndInForce(state, date, GradeEndReasons.SeriousDishonestyList, stamp);
    }

    private static ListEntry AddGround(OrganizationState state, string ground, int? year, DateOnly date,
        EventStamp stamp, string? reason)
    {
        var entry = new ListEntry(state.ListEntries.Count + 1, OrganizationList.Abnormal, ground, year, date, stamp.By,
            null, null, null);
        state.ListEntries.Add(entry);
        OrganizationHistory.Add(state, OrganizationEventKind.Listed, date, stamp, reason, year, entry.List, ground);
        return entry;
    }

    private static ListEntry Close(OrganizationState state, ListEntry entry, DateOnly date, string ground,
        EventStamp stamp)
    {
        var closed = entry with { RemovedOn = date, RemovalGround = ground, RemovedBy = stamp.By };
        state.ListEntries[state.ListEntries.IndexOf(entry)] = closed;
        OrganizationHistory.Add(state, OrganizationEventKind.RemovedFromList, date, stamp, ground, entry.Year,
            entry.List, entry.Ground);
        return closed;
    }

    private static bool IsBadYear(OrganizationState state, int year) =>
        state.MissedYears.Contains(year) || Report(state, year)?.Inspection?.Outcome == InspectionOutcome.Fail;

    private static void FlagIfConsecutive(OrganizationState state, int year, DateOnly date, EventStamp stamp)
    {
        if (state.RevocationFlag is not null)
        {
            return;
        }

        var neighbour = IsBadYear(state, year - 1) ? year - 1 : IsBadYear(state, year + 1) ? year + 1 : (int?)null;
        if (neighbour is not { } other)
        {
            return;
        }

        state.RevocationFlag = new RevocationFlag(date, ListGrounds.TwoConsecutiveYearsNotFiledOrFailed,
            [Math.Min(year, other), Math.Max(year, other)]);
        OrganizationHistory.Add(state, OrganizationEventKind.FlaggedForRevocation, date, stamp,
            $"Reports for {Math.Min(year, other)} and {Math.Max(year, other)} not filed in time or failed.",
            year, ground: ListGrounds.TwoConsecutiveYearsNotFiledOrFailed);
    }

    private static void CheckContent(OrganizationState state, int year, AnnualReportContent content)
    {
        AnnualReportRules.CheckFullReport(state.Kind, content);
        content = Trim(content);
        OrganizationRules.CheckText("activities", content.Activities, OrganizationRules.MaxLongTextLength);
        OrganizationRules.CheckOptionalText("majorActivities", content.MajorActivities, OrganizationRules.MaxLongTextLength);
        OrganizationRules.CheckOptionalText("rectificationReport", content.RectificationReport,
            OrganizationRules.MaxLongTextLength);
        if (content.Income < 0)
        {
            throw DomainException.Invalid("value-out-of-range", "income", "Income is an amount in yuan, not negative.");
        }

        if (content.Expenditure < 0)
        {
            throw DomainException.Invalid("value-out-of-range", "expenditure",
                "Expenditure is an amount in yuan, not negative.");
        }

        OrganizationRules.CheckDefined("partyOrganization", content.PartyOrganization);
        if (content.Staff < 0)
        {
            throw DomainException.Invalid("value-out-of-range", "staff", "Staff is a head count, not negative.");
        }

        if (Report(state, year - 1)?.Inspection is { RequiresRectification: true } previous
            && string.IsNullOrWhiteSpace(content.RectificationReport))
        {
            throw DomainException.Violation("rectification-report-required",
                $"The {previous.Year} inspection was {Terms.Outcome(previous.Outcome)}; the {year} report must include a rectificationReport.");
        }
    }

    /// <summary>Trimmed text; the summary figures are the statements' totals.</summary>
    private static AnnualReportContent Trim(AnnualReportContent content) =>
        content with
        {
            Activities = content.Activities.Trim(),
            MajorActivities = content.MajorActivities?.Trim(),
            RectificationReport = content.RectificationReport?.Trim(),
            BasicInformationChanges = content.BasicInformationChanges?.Trim(),
            AuditReport = content.AuditReport?.Trim(),
            Governance = content.Governance is { } governance
                ? governance with { ResponsiblePersonChanges = governance.ResponsiblePersonChanges?.Trim() }
                : null,
            Projects = content.Projects?.Select(p => p with { Name = p.Name.Trim() }).ToList(),
            Income = content.IncomeBySource?.Total ?? content.Income,
            Expenditure = content.Expenses?.Total ?? content.Expenditure,
            NetAssets = content.BalanceSheet?.TotalNetAssets ?? content.NetAssets,
            Staff = content.Workforce is { } people ? people.FullTimeStaff + people.PartTimeStaff : content.Staff,
        };
}
