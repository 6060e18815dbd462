using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;

namespace Registry.Grains.Organizations;

/// <summary>
/// Grade evaluation rules (Measures for the Evaluation of Social Organizations, MCA Order 39, arts. 9-10 and 26-29):
/// an organization is evaluated only after two full years since registration, with its last annual inspection passed
/// (not failed, not basic pass twice running), no later report missed, and off every list; one grade is in force at a
/// time, valid five years, and re-evaluated only once it has expired; a grade ends early when the organization is put
/// on the serious-dishonesty list, its registration is revoked or it is deregistered. Pure; methods mutate the given
/// state and return what they recorded.
/// </summary>
public static class Grading
{
    /// <summary>Grades are valid this many years.</summary>
    public const int ValidityYears = 5;

    /// <summary>Full years after registration before a first evaluation.</summary>
    public const int YearsBeforeEvaluation = 2;

    /// <summary>The grade in force on <paramref name="date"/>, or null.</summary>
    public static GradeEvaluation? InForce(OrganizationState state, DateOnly date) =>
        state.Grades.LastOrDefault(g => g.IsValidOn(date));

    public static GradeEvaluation Evaluate(OrganizationState state, EvaluateGrade command, DateOnly today,
        EventStamp stamp)
    {
        OrganizationRules.EnsureActive(state);
        if (command.Grade is < 1 or > 5)
        {
            throw DomainException.Invalid("grade-format", "grade", "A grade is one of 1A, 2A, 3A, 4A, 5A.");
        }

        OrganizationRules.CheckOptionalText("reason", command.Reason, OrganizationRules.MaxLongTextLength);
        OrganizationRules.CheckOptionalText("decisionNumber", command.DecisionNumber, OrganizationRules.MaxNameLength);
        OrganizationRules.CheckOptionalText("authority", command.Authority, OrganizationRules.MaxNameLength);

        // The day of the decision: the dated rules (two full years, one grade at a time) are judged on it; lists and
        // inspections as the record stands.
        var on = command.EvaluatedOn ?? today;
        if (on > today)
        {
            throw DomainException.Invalid("grade-date", "evaluatedOn",
                "'evaluatedOn' is the day the grade was decided: today or earlier.");
        }

        if (InForce(state, on) is { } current)
        {
            throw DomainException.Conflict("grade-in-force",
                $"The grade {current.Label} evaluated on {current.EvaluatedOn:yyyy-MM-dd} is in force until " +
                $"{current.ValidUntil.AddDays(-1):yyyy-MM-dd}; the organization is re-evaluated only when it expires.");
        }

        if (state.Grades.LastOrDefault(g => g.EvaluatedOn > on) is { } later)
        {
            throw DomainException.Conflict("grade-out-of-order",
                $"The grade {later.Label} was evaluated on {later.EvaluatedOn:yyyy-MM-dd}, after {on:yyyy-MM-dd}: " +
                "grades are recorded in the order they were decided, one in force at a time.");
        }

        if (state.ListEntries.FirstOrDefault(e => e.IsActive) is { } listed)
        {
            throw DomainException.Violation("grade-while-listed",
                $"The organization is on the {Terms.List(listed.List)} since {listed.ListedOn:yyyy-MM-dd}; it cannot be evaluated.");
        }

        var eligibleFrom = state.RegisteredOn.AddYears(YearsBeforeEvaluation);
        if (on < eligibleFrom)
        {
            throw DomainException.Violation("grade-too-early",
                $"The organization was registered on {state.RegisteredOn:yyyy-MM-dd}; it can be evaluated after two full " +
                $"years, from {eligibleFrom:yyyy-MM-dd}.");
        }

        var inspected = state.Reports.Where(r => r.Inspection is not null).OrderBy(r => r.Year).ToList();
        if (inspected.Count == 0)
        {
            throw DomainException.Violation("grade-without-inspection",
                "No annual inspection of the organization has been recorded; it is evaluated only after one has passed.");
        }

        var last = inspected[^1].Inspection!;
        if (last.Outcome == InspectionOutcome.Fail)
        {
            throw DomainException.Violation("grade-after-failed-inspection",
                $"The last inspection ({last.Year}) was {Terms.Outcome(last.Outcome)}; it cannot be evaluated.");
        }

        if (last.Outcome == InspectionOutcome.BasicPass && inspected.Count > 1
            && inspected[^2] is { Year: var previousYear, Inspection.Outcome: InspectionOutcome.BasicPass }
            && previousYear == last.Year - 1)
        {
            throw DomainException.Violation("grade-after-failed-inspection",
                $"The inspections of {previousYear} and {last.Year} were both {Terms.Outcome(InspectionOutcome.BasicPass)}; " +
                "it cannot be evaluated.");
        }

        if (state.MissedYears.Where(y => y > last.Year).Select(y => (int?)y).Max() is { } missed)
        {
            throw DomainException.Violation("grade-after-failed-inspection",
                $"The {missed} report was not filed in time, after the last passed inspection ({last.Year}).");
        }

        var grade = new GradeEvaluation(command.Grade, on, on.AddYears(ValidityYears), stamp.By,
            command.Reason?.Trim(), DecisionNumber: OrganizationRules.OptionalText(command.DecisionNumber),
            Authority: OrganizationRules.OptionalText(command.Authority));
        state.Grades.Add(grade);
        OrganizationHistory.Add(state, OrganizationEventKind.GradeEvaluated, on, stamp,
            string.Join("; ", new[] { command.Reason?.Trim(), grade.DecisionNumber, grade.Authority }
                .Where(part => !string.IsNullOrEmpty(part))) is { Length: > 0 } said ? said : null,
            ground: grade.Label);
        return grade;
    }

    /// <summary>Ends the grade in force on <paramref name="date"/>, if any, recording why.</summary>
    public static void EndInForce(OrganizationState state, DateOnly date, string because, EventStamp stamp)
    {
        if (InForce(state, date) is not { } grade)
        {
            return;
        }

        state.Grades[state.Grades.IndexOf(grade)] = grade with { EndedOn = date, EndedBecause = because };
        OrganizationHistory.Add(state, OrganizationEventKind.GradeEnded, date, stamp,
            $"The grade {grade.Label} of {grade.EvaluatedOn:yyyy-MM-dd} ends: {because}.", ground: because);
    }
}
