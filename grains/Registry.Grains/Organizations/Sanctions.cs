using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Text;

namespace Registry.Grains.Organizations;

/// <summary>
/// Administrative penalties and listing on the serious-dishonesty list by decision (registration regulations'
/// penalty articles; Credit Information Measures for Social Organizations 2018). Every penalty is a decision with a
/// number, date and authority, public once recorded. A revocation ends the organization as deregistration does, ends
/// its grade, and puts it on the serious-dishonesty list. Pure; methods mutate the given state and return what they
/// recorded; a refusal changes nothing.
/// </summary>
public static class Sanctions
{
    /// <summary>Decision numbers, authorities: a particular's length.</summary>
    private const int MaxDecisionTextLength = OrganizationRules.MaxParticularLength;

    /// <summary>Warnings and small fines counted for <see cref="DishonestyGrounds.RepeatedWarningsOrFines"/>.</summary>
    private const int RepeatedPenaltyYears = 3;

    public static Penalty Impose(OrganizationState state, ImposePenalty command, DateOnly today, EventStamp stamp)
    {
        OrganizationRules.EnsureActive(state);
        OrganizationRules.CheckDefined("kind", command.Kind);
        CheckDecision(state, command.DecisionNumber, command.DecidedOn, command.Authority, today);
        OrganizationRules.CheckText("grounds", command.Grounds, OrganizationRules.MaxLongTextLength);
        var number = command.DecisionNumber.Trim();
        if (state.Penalties.FirstOrDefault(p => p.DecisionNumber == number) is { } recorded)
        {
            throw DomainException.Conflict("penalty-decision-recorded",
                $"Decision {number} was recorded on {recorded.RecordedOn:yyyy-MM-dd} ({Terms.Penalty(recorded.Kind)}).");
        }

        var monetary = command.Kind is PenaltyKind.Fine or PenaltyKind.Confiscation;
        if (monetary && command.Amount is not > 0)
        {
            throw DomainException.Invalid("penalty-amount-required", "amount",
                $"A {Terms.Penalty(command.Kind)} states its amount in yuan, more than 0.");
        }

        if (!monetary && command.Amount is not null)
        {
            throw DomainException.Invalid("penalty-amount-unexpected", "amount",
                $"A {Terms.Penalty(command.Kind)} has no amount; only a fine or a confiscation does.");
        }

        var suspension = command.Kind == PenaltyKind.Suspension;
        if (suspension)
        {
            if (command.SuspendedFrom is not { } from || command.SuspendedUntil is not { } until)
            {
                throw DomainException.Invalid("suspension-period-required", "suspendedFrom",
                    "A suspension of activities states its period: suspendedFrom and suspendedUntil.");
            }

            if (until < from || from < command.DecidedOn)
            {
                throw DomainException.Invalid("suspension-period-invalid", "suspendedUntil",
                    $"The suspension runs from the decision ({command.DecidedOn:yyyy-MM-dd}) or later, and ends on or " +
                    "after the day it starts.");
            }
        }
        else if (command.SuspendedFrom is not null || command.SuspendedUntil is not null)
        {
            throw DomainException.Invalid("suspension-period-unexpected", "suspendedFrom",
                $"Only a suspension of activities has a period; this is a {Terms.Penalty(command.Kind)}.");
        }

        var penalty = new Penalty(state.Penalties.Count + 1, command.Kind, number, command.DecidedOn,
            command.Authority.Trim(), command.Grounds.Trim(), command.Amount,
            suspension ? command.SuspendedFrom : null, suspension ? command.SuspendedUntil : null, today, stamp.By);
        state.Penalties.Add(penalty);
        OrganizationHistory.Add(state, OrganizationEventKind.PenaltyImposed, command.DecidedOn, stamp,
            $"{number}: {command.Grounds.Trim()}", ground: ApiTerms.Value(command.Kind));
        if (command.Kind == PenaltyKind.Revocation)
        {
            Revoke(state, penalty, stamp);
        }

        return penalty;
    }

    /// <summary>Lists the organization as seriously dishonest on a decision; the ground's facts must be on record.</summary>
    public static ListEntry ListSeriouslyDishonest(OrganizationState state, ListAsSeriouslyDishonest command,
        DateOnly today, EventStamp stamp)
    {
        OrganizationRules.EnsureActive(state);
        var ground = command.Ground?.Trim() ?? "";
        if (!DishonestyGrounds.ByDecision.Contains(ground))
        {
            throw DomainException.Invalid("dishonesty-ground", "ground",
                $"A listing decision names one of {string.Join(", ", DishonestyGrounds.ByDecision)}; " +
                $"'{ListGrounds.AbnormalListTwoYears}' is applied by the system after two years on the abnormal list.");
        }

        CheckDecision(state, command.DecisionNumber, command.DecidedOn, command.Authority, today);
        OrganizationRules.CheckReason(command.Reason);
        if (state.ListEntries.FirstOrDefault(e => e.IsActive && e.List == OrganizationList.SeriousDishonesty)
            is { } listed)
        {
            throw DomainException.Conflict("already-on-serious-list",
                $"Organization {state.Uscc} is on the {Terms.List(listed.List)} since {listed.ListedOn:yyyy-MM-dd}.");
        }

        CheckGroundOnRecord(state, ground, command.DecidedOn);
        var entry = new ListEntry(state.ListEntries.Count + 1, OrganizationList.SeriousDishonesty, ground, null,
            command.DecidedOn, stamp.By, null, null, null, command.DecisionNumber.Trim(), command.Authority.Trim());
        state.ListEntries.Add(entry);
        OrganizationHistory.Add(state, OrganizationEventKind.Listed, command.DecidedOn, stamp,
            $"{entry.DecisionNumber}: {command.Reason.Trim()}", list: entry.List, ground: ground);
        Grading.EndInForce(state, command.DecidedOn, GradeEndReasons.SeriousDishonestyList, stamp);
        return entry;
    }

    private static void CheckDecision(OrganizationState state, string? number, DateOnly decidedOn, string? authority,
        DateOnly today)
    {
        OrganizationRules.CheckText("decisionNumber", number, MaxDecisionTextLength);
        OrganizationRules.CheckText("authority", authority, MaxDecisionTextLength);
        if (decidedOn > today)
        {
            throw DomainException.Invalid("decision-date-future", "decidedOn",
                $"The decision date {decidedOn:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).");
        }

        // Decisions are recorded as they are taken: none predates the record or anything already applied to it.
        var latest = state.Events.Count == 0 ? state.RegisteredOn : state.Events.Max(e => e.Date);
        if (decidedOn < latest)
        {
            throw DomainException.Violation("decision-date-before-record",
                $"The decision date {decidedOn:yyyy-MM-dd} is before the latest entry of the record ({latest:yyyy-MM-dd}).");
        }
    }

    private static void CheckGroundOnRecord(OrganizationState state, string ground, DateOnly decidedOn)
    {
        switch (ground)
        {
            case DishonestyGrounds.SuspensionOfActivities
                when !state.Penalties.Any(p => p.Kind == PenaltyKind.Suspension):
                throw DomainException.Violation("dishonesty-ground-not-on-record",
                    $"No {Terms.Penalty(PenaltyKind.Suspension)} penalty is recorded for the organization.");
            case DishonestyGrounds.FineOf50000OrMore
                when !state.Penalties.Any(p => p is { Kind: PenaltyKind.Fine, Amount: >= DishonestyGrounds.SeriousFine }):
                throw DomainException.Violation("dishonesty-ground-not-on-record",
                    $"No {Terms.Penalty(PenaltyKind.Fine)} of {DishonestyGrounds.SeriousFine:0} yuan or more is recorded.");
            case DishonestyGrounds.RepeatedWarningsOrFines:
                var since = decidedOn.AddYears(-RepeatedPenaltyYears);
                var count = state.Penalties.Count(p => p.DecidedOn > since
                    && (p.Kind == PenaltyKind.Warning || p is { Kind: PenaltyKind.Fine, Amount: < DishonestyGrounds.SeriousFine }));
                if (count < 2)
                {
                    throw DomainException.Violation("dishonesty-ground-not-on-record",
                        $"{count} warning(s) or fine(s) under {DishonestyGrounds.SeriousFine:0} yuan are recorded in the " +
                        $"three years before {decidedOn:yyyy-MM-dd}; the ground needs two or more.");
                }

                break;
        }
    }

    private static void Revoke(OrganizationState state, Penalty penalty, EventStamp stamp)
    {
        var date = penalty.DecidedOn;
        state.Status = OrganizationStatus.Revoked;
        state.RevokedOn = date;
        OrganizationHistory.Add(state, OrganizationEventKind.RegistrationRevoked, date, stamp,
            $"{penalty.DecisionNumber}: {penalty.Grounds}");
        Grading.EndInForce(state, date, GradeEndReasons.RegistrationRevoked, stamp);
        if (!state.ListEntries.Any(e => e.IsActive && e.List == OrganizationList.SeriousDishonesty))
        {
            var entry = new ListEntry(state.ListEntries.Count + 1, OrganizationList.SeriousDishonesty,
                DishonestyGrounds.RegistrationRevoked, null, date, stamp.By, null, null, null, penalty.DecisionNumber,
                penalty.Authority);
            state.ListEntries.Add(entry);
            OrganizationHistory.Add(state, OrganizationEventKind.Listed, date, stamp, penalty.DecisionNumber,
                list: entry.List, ground: entry.Ground);
        }
    }
}
