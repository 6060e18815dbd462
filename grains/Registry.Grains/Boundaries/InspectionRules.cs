using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Spatial;

namespace Registry.Grains.Boundaries;

/// <summary>Pure rules of a joint inspection (Administrative Boundary Management Regulations 2002).</summary>
public static class InspectionRules
{
    public static void EnsureCanRecordFinding(JointInspectionState state, RecordFinding command)
    {
        EnsureOpen(state);
        if (state.Signatures.Count > 0)
        {
            throw DomainException.Conflict("inspection-signed",
                $"Inspection {state.Id} has been signed by {state.Signatures[0].Side}; findings can no longer change.");
        }

        if (state.Markers.All(m => m.Number != command.MarkerNumber))
        {
            throw DomainException.Violation("inspection-marker-unknown",
                $"Marker {command.MarkerNumber} is not among the markers of line {state.LineNumber} being inspected.");
        }

        // An undefined value (JSON accepts numbers) would open a repair yet leave the marker intact.
        if (!Enum.IsDefined(command.Kind))
        {
            throw DomainException.Invalid("finding-kind", "finding",
                "The finding is intact, damaged, displaced or lost.");
        }

        var hasPosition = command.SurveyedLon is not null || command.SurveyedLat is not null;
        if (command.Kind == FindingKind.Displaced)
        {
            if (command.SurveyedLon is not { } lon || command.SurveyedLat is not { } lat)
            {
                throw DomainException.Invalid("finding-position-required", "surveyed",
                    "A displaced marker's surveyed position (longitude and latitude) is required.");
            }

            if (GeometryRules.CheckPosition(lon, lat) is { } problem)
            {
                throw DomainException.Invalid(problem.Rule, "surveyed", problem.Message);
            }
        }
        else if (hasPosition)
        {
            throw DomainException.Invalid("finding-position-unexpected", "surveyed",
                "Only a displaced marker has a surveyed position.");
        }

        BoundaryRules.EnsureOptionalText("note", command.Note);
    }

    /// <summary>
    /// The day an inspection of <paramref name="year"/> is opened: not after <paramref name="today"/>
    /// (<c>inspection-date-future</c>), and in the inspection's year or the next (<c>inspection-date-order</c>), so an
    /// inspection entered from the archive carries its real date rather than the day it was typed in.
    /// </summary>
    public static void EnsureOpeningDate(int year, DateOnly openedOn, DateOnly today)
    {
        if (openedOn > today)
        {
            throw DomainException.Invalid("inspection-date-future", "openedOn",
                $"An inspection cannot be opened after today ({today:yyyy-MM-dd}).");
        }

        if (openedOn.Year < year || openedOn.Year > year + 1)
        {
            throw DomainException.Invalid("inspection-date-order", "openedOn",
                $"The inspection of {year} is opened in {year} or {year + 1}, not on {openedOn:yyyy-MM-dd}; an " +
                "inspection entered from the archive gives its real opening date.");
        }
    }

    /// <summary>The day a signature is dated: the given day or <paramref name="today"/>, not in the future
    /// (<c>inspection-date-future</c>) and not before the opening (<c>inspection-date-order</c>).</summary>
    public static DateOnly SignatureDate(JointInspectionState state, DateOnly? signedOn, DateOnly today)
    {
        var date = signedOn ?? today;
        if (date > today)
        {
            throw DomainException.Invalid("inspection-date-future", "signedOn",
                $"A signature cannot be dated after today ({today:yyyy-MM-dd}).");
        }

        if (date < state.OpenedOn)
        {
            throw DomainException.Invalid("inspection-date-order", "signedOn",
                $"Inspection {state.Id} was opened on {state.OpenedOn:yyyy-MM-dd}; a signature cannot be dated " +
                $"before it ({date:yyyy-MM-dd}).");
        }

        return date;
    }

    public static void EnsureCanSign(JointInspectionState state, SignInspection command)
    {
        EnsureOpen(state);
        BoundaryRules.EnsureText("signatory", command.Signatory, "signatory-required",
            "Name the official who signs for the side.");
        BoundaryRules.EnsureOptionalText("note", command.Note);
        if (!state.Sides.Contains(command.Side))
        {
            throw DomainException.Violation("inspection-side-not-party",
                $"{command.Side} is not a side of line {state.LineNumber} ({string.Join(" and ", state.Sides)}).");
        }

        if (state.Signatures.Any(s => s.Side == command.Side))
        {
            throw DomainException.Conflict("inspection-already-signed",
                $"{command.Side} has already signed inspection {state.Id}.");
        }

        var missing = state.Markers.Where(m => state.Findings.All(f => f.MarkerNumber != m.Number))
            .Select(m => m.Number).ToList();
        if (missing.Count > 0)
        {
            throw DomainException.Violation("inspection-findings-incomplete",
                $"{missing.Count} marker(s) have no finding yet (e.g. {string.Join(", ", missing.Take(5))}).");
        }
    }

    public static void EnsureCanCompleteRepair(JointInspectionState state, CompleteRepair command, DateOnly today)
    {
        if (state.Status != InspectionStatus.Completed)
        {
            throw DomainException.Violation("inspection-not-completed",
                $"Repairs are tracked once inspection {state.Id} is completed by both sides' signatures.");
        }

        BoundaryRules.EnsureText("note", command.Note, "repair-note-required", "Describe the repair.");
        var repair = state.Repairs.FirstOrDefault(r => r.MarkerNumber == command.MarkerNumber)
            ?? throw DomainException.NotFound("repair-not-found",
                $"Inspection {state.Id} opened no repair for marker {command.MarkerNumber}.");
        if (repair.Status == RepairStatus.Done)
        {
            throw DomainException.Conflict("repair-already-done",
                $"The repair of {command.MarkerNumber} was completed on {repair.CompletedOn:yyyy-MM-dd}.");
        }

        if (command.CompletedOn > today || command.CompletedOn < state.CompletedOn)
        {
            throw DomainException.Invalid("repair-date", "completedOn",
                $"A repair completes between the inspection's completion ({state.CompletedOn:yyyy-MM-dd}) and today " +
                $"({today:yyyy-MM-dd}).");
        }
    }

    public static MarkerCondition ConditionOf(FindingKind kind) => kind switch
    {
        FindingKind.Damaged => MarkerCondition.Damaged,
        FindingKind.Displaced => MarkerCondition.Displaced,
        FindingKind.Lost => MarkerCondition.Lost,
        _ => MarkerCondition.Intact,
    };

    private static void EnsureOpen(JointInspectionState state)
    {
        if (state.Status == InspectionStatus.Completed)
        {
            throw DomainException.Conflict("inspection-completed",
                $"Inspection {state.Id} was completed on {state.CompletedOn:yyyy-MM-dd}.");
        }
    }
}
