using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Text;

namespace Registry.Grains.Organizations;

/// <summary>
/// A social organization's record and every rule over it: registration, changes, deregistration, the annual cycle
/// (<see cref="AnnualCycle"/>), grades (<see cref="Grading"/>) and sanctions (<see cref="Sanctions"/>). No I/O and no
/// Orleans types: the grain loads the state, calls one transition, stores the state. A transition either refuses
/// with a <see cref="DomainException"/> naming its rule, changing nothing, or records its events in the history and
/// returns what it made. Not thread-safe; one grain activation owns an instance.
/// </summary>
public sealed class Organization
{
    private readonly FilingWindowPolicy windows;
    private readonly CharityThresholdOptions charity;

    public Organization(OrganizationState state, FilingWindowPolicy windows, CharityThresholdOptions? charity = null)
    {
        State = state;
        this.windows = windows;
        this.charity = charity ?? new CharityThresholdOptions();
    }

    /// <summary>The record this aggregate governs, as stored.</summary>
    public OrganizationState State { get; }

    public string Uscc => State.Uscc;

    public bool IsActive => State.Status == OrganizationStatus.Active;

    /// <summary>The key of the name this organization holds in its registering office.</summary>
    public string NameClaimKey => OrganizationNames.ClaimKey(State.RegisteringOffice, State.Name);

    /// <summary>
    /// A new record for <paramref name="command"/>, registered <paramref name="registeredOn"/>. The code's division
    /// and the office are checked by the caller against the division register (I/O) before this is stored.
    /// </summary>
    public static Organization Register(RegisterOrganization command, DateOnly registeredOn, FilingWindowPolicy windows,
        EventStamp stamp)
    {
        var legacy = OrganizationRules.CheckRegistration(command, registeredOn);
        var state = new OrganizationState
        {
            Uscc = command.Uscc,
            Name = command.Name.Trim(),
            Kind = command.Kind,
            RegisteringOffice = command.RegisteringOffice,
            SupervisingUnit = OrganizationRules.OptionalText(command.SupervisingUnit),
            LegalRepresentative = command.LegalRepresentative.Trim(),
            Address = command.Address.Trim(),
            BusinessScope = command.BusinessScope.Trim(),
            RegisteredCapital = command.RegisteredCapital,
            FoundedOn = command.FoundedOn,
            RegisteredOn = registeredOn,
            Status = OrganizationStatus.Active,
            LegacyCodeOverrideReason = legacy ? command.LegacyOverrideReason!.Trim() : null,
        };
        AnnualCycle.StartCycle(state, windows);
        OrganizationHistory.Add(state, OrganizationEventKind.Registered, registeredOn, stamp);
        if (legacy)
        {
            OrganizationHistory.Add(state, OrganizationEventKind.LegacyCodeAccepted, registeredOn, stamp,
                state.LegacyCodeOverrideReason);
        }

        return new Organization(state, windows);
    }

    /// <summary>
    /// A record entered from the existing register on <paramref name="today"/>: registered on the row's date, with
    /// its status and grade. The row carries no founding date (a social organization is founded by its registration),
    /// address or scope (entered later by a change). Deadlines start today: report years whose window had closed
    /// were the old register's to enforce. An imported grade runs five years from its evaluation date where the row
    /// gives one, else from today; the event says which. The office's division is checked by the caller for the
    /// row's date.
    /// </summary>
    public static Organization Import(ImportOrganization command, DateOnly today, FilingWindowPolicy windows,
        EventStamp stamp)
    {
        OrganizationRules.CheckImport(command, today);
        var state = new OrganizationState
        {
            Uscc = command.Uscc,
            Name = command.Name.Trim(),
            Kind = command.Kind,
            RegisteringOffice = command.RegisteringOffice,
            LegalRepresentative = command.LegalRepresentative.Trim(),
            FoundedOn = command.RegisteredOn,
            RegisteredOn = command.RegisteredOn,
            Status = command.Status,
        };
        AnnualCycle.StartCycle(state, windows, today);
        OrganizationHistory.Add(state, OrganizationEventKind.Imported, today, stamp, command.Source.Trim(),
            ground: ApiTerms.Value(command.Status));
        if (command.Grade is { } grade)
        {
            var evaluatedOn = command.GradeEvaluatedOn ?? today;
            var evaluation = new GradeEvaluation(grade, evaluatedOn, evaluatedOn.AddYears(Grading.ValidityYears),
                stamp.By, command.GradeEvaluatedOn is null
                    ? $"Grade held in the existing register ({command.Source.Trim()}); its evaluation date is not " +
                      "in the source, so its five years run from the import."
                    : $"Grade held in the existing register ({command.Source.Trim()}), evaluated on " +
                      $"{evaluatedOn:yyyy-MM-dd}.");
            state.Grades.Add(evaluation);
            OrganizationHistory.Add(state, OrganizationEventKind.GradeEvaluated, evaluatedOn, stamp,
                evaluation.Reason, ground: evaluation.Label);
        }

        return new Organization(state, windows);
    }

    /// <summary>
    /// Whether this record was entered by an import: a re-run finds it stored (changes made since, through the
    /// registry's own operations, are not undone by a file).
    /// </summary>
    public bool WasImported => State.Events.Any(e => e.Kind == OrganizationEventKind.Imported);

    /// <summary>Changes particulars; returns what changed (a rename needs the new name claimed first).</summary>
    public IReadOnlyList<FieldChange> CheckChange(ChangeOrganization command)
    {
        OrganizationRules.EnsureActive(State);
        return OrganizationRules.CheckChange(State, command);
    }

    /// <summary>Applies changes returned by <see cref="CheckChange"/>, once the new name (if any) is held.</summary>
    public void Change(IReadOnlyList<FieldChange> changes, string reason, DateOnly today, EventStamp stamp)
    {
        foreach (var change in changes)
        {
            switch (change.Field)
            {
                case "name":
                    State.Name = change.To!;
                    break;
                case "legalRepresentative":
                    State.LegalRepresentative = change.To!;
                    break;
                case "address":
                    State.Address = change.To!;
                    break;
                case "businessScope":
                    State.BusinessScope = change.To!;
                    break;
            }
        }

        OrganizationHistory.Add(State, OrganizationEventKind.Changed, today, stamp, reason, changes: changes);
    }

    /// <summary>Deregisters today: the grade in force ends, deadlines stop; the record stays readable.</summary>
    public void Deregister(DeregisterOrganization command, DateOnly today, EventStamp stamp)
    {
        OrganizationRules.EnsureActive(State);
        OrganizationRules.CheckReason(command.Reason);
        State.Status = OrganizationStatus.Deregistered;
        State.DeregisteredOn = today;
        OrganizationHistory.Add(State, OrganizationEventKind.Deregistered, today, stamp, command.Reason);
        Grading.EndInForce(State, today, GradeEndReasons.Deregistered, stamp);
    }

    /// <summary>Files a year's report; returns it and whether it was late (registrar only).</summary>
    public (AnnualReportRecord Report, bool Late) FileAnnualReport(FileAnnualReport command, DateOnly today,
        EventStamp stamp)
    {
        AnnualCycle.EnsureReportYear(command.Year);
        var late = AnnualCycle.CheckFiling(State, command, windows.For(State.RegisteringOffice, command.Year), today);
        var ratios = AnnualReportRules.Ratios(State.Kind, command.Content, charity);
        return (AnnualCycle.File(State, command, late, today, stamp, ratios), late);
    }

    public AnnualReportDraftDetails SaveAnnualReportDraft(SaveAnnualReportDraft command, DateOnly today,
        EventStamp stamp) => AnnualCycle.SaveDraft(State, command, today, stamp);

    public AnnualReportDraftDetails AnnualReportDraft(int year) => AnnualCycle.Draft(State, year);

    public AnnualReportRecord CorrectAnnualReport(CorrectAnnualReport command, DateOnly today, EventStamp stamp) =>
        AnnualCycle.Correct(State, command, today, stamp, AnnualReportRules.Ratios(State.Kind, command.Content, charity));

    public AnnualReportRecord AnnualReport(int year) =>
        AnnualCycle.Report(State, year) ?? throw DomainException.NotFound("annual-report-not-found",
            $"No report for {year} has been filed by {Uscc}.");

    public InspectionResult RecordInspection(RecordInspection command, DateOnly today, EventStamp stamp) =>
        AnnualCycle.Inspect(State, command, today, stamp);

    public ListEntry RecordUnreachable(RecordUnreachable command, DateOnly today, EventStamp stamp) =>
        AnnualCycle.ListUnreachable(State, command, today, stamp);

    public IReadOnlyList<ListEntry> RemoveFromList(RemoveFromList command, DateOnly today, EventStamp stamp) =>
        AnnualCycle.RemoveFromList(State, command, today, stamp);

    public GradeEvaluation EvaluateGrade(EvaluateGrade command, DateOnly today, EventStamp stamp) =>
        Grading.Evaluate(State, command, today, stamp);

    public Penalty ImposePenalty(ImposePenalty command, DateOnly today, EventStamp stamp) =>
        Sanctions.Impose(State, command, today, stamp);

    public ListEntry ListAsSeriouslyDishonest(ListAsSeriouslyDishonest command, DateOnly today, EventStamp stamp) =>
        Sanctions.ListSeriouslyDishonest(State, command, today, stamp);

    /// <summary>Applies every deadline due by <paramref name="today"/> once; returns the events recorded.</summary>
    public IReadOnlyList<OrganizationEvent> ApplyDeadlines(DateOnly today, EventStamp stamp) =>
        AnnualCycle.ApplyDeadlines(State, windows, today, stamp);

    /// <summary>The next date a deadline falls due, or null when none will (deregistered, revoked).</summary>
    public DateOnly? NextDeadline() => AnnualCycle.NextDeadline(State, windows);
}
