using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Text;

namespace Registry.Grains.Divisions;

/// <summary>
/// Pure rules over a division's facts: what was in force on a date (and how certain that is), its history, and which
/// changes may be recorded. No I/O; the grain and the edition importer call it.
/// </summary>
public static class DivisionTimeline
{
    public const int MaxNameLength = 50;

    public const string EditionSource = "NBS statistical division codes";

    /// <summary>An official edition's row for this code: in force on the cut-off with this name and parent.</summary>
    public sealed record EditionRow(string Name, DivisionLevel Level, string? ParentCode);

    /// <summary>
    /// Records what the edition of <paramref name="cutOff"/> says about the state's code: <paramref name="row"/> null
    /// means the edition does not list it. Idempotent (the same edition again changes nothing; a corrected one
    /// replaces it). Returns whether the state changed.
    /// </summary>
    public static bool RecordEdition(DivisionState state, DateOnly cutOff, EditionRow? row)
    {
        var existing = state.Facts.FindIndex(f => f.Source == DivisionFactSource.Edition && f.Date == cutOff);
        var fact = row is null
            ? new DivisionFact(cutOff, DivisionFactSource.Edition, DivisionStatus.NoLongerListed, null, null, [], 0)
            : new DivisionFact(cutOff, DivisionFactSource.Edition, DivisionStatus.InForce, row.Name, row.ParentCode,
                [], 0);
        if (row is not null)
        {
            state.Level = row.Level;
        }

        if (existing >= 0)
        {
            if (state.Facts[existing].SameStateAs(fact))
            {
                return false;
            }

            state.Facts.RemoveAt(existing);
        }

        Insert(state, fact);
        state.Format = DivisionState.CurrentFormat;
        return true;
    }

    /// <summary>The cut-off dates of the editions recorded on this code.</summary>
    public static IEnumerable<DateOnly> Editions(DivisionState state) =>
        state.Facts.Where(f => f.Source == DivisionFactSource.Edition).Select(f => f.Date);

    public static DivisionSummary SummaryAsOf(DivisionState state, DateOnly date)
    {
        var i = LastIndexOnOrBefore(state.Facts, date);
        var status = StatusAt(state, i);
        var name = i >= 0 ? state.Facts[i].Name : state.Facts.FirstOrDefault(f => f.Name is not null)?.Name;
        var parent = status == DivisionStatus.InForce ? state.Facts[i].ParentCode : null;
        return new DivisionSummary(state.Code, name ?? LastKnownName(state, date) ?? state.Code, state.Level, status,
            parent);
    }

    public static bool IsInForce(DivisionState state, DateOnly date) =>
        StatusAt(state, LastIndexOnOrBefore(state.Facts, date)) == DivisionStatus.InForce;

    public static string? ParentAsOf(DivisionState state, DateOnly date)
    {
        var i = LastIndexOnOrBefore(state.Facts, date);
        return i >= 0 && state.Facts[i].InForce ? state.Facts[i].ParentCode : null;
    }

    /// <summary>The details as of a date, without the parent chain (the grain adds it).</summary>
    public static DivisionDetails DetailsAsOf(DivisionState state, DateOnly date)
    {
        var summary = SummaryAsOf(state, date);
        var facts = state.Facts;
        var i = LastIndexOnOrBefore(facts, date);
        DivisionUncertainty? changedBetween = null;
        DivisionUncertainty? pending = null;
        if (i >= 0)
        {
            var k = i;
            while (k > 0 && facts[k - 1].SameStateAs(facts[i]))
            {
                k--;
            }

            if (k > 0 && facts[k].Source == DivisionFactSource.Edition)
            {
                changedBetween = new DivisionUncertainty(facts[k - 1].Date, facts[k].Date,
                    Describe(facts[k - 1], facts[k]));
            }

            if (i + 1 < facts.Count && date > facts[i].Date && facts[i + 1].Source == DivisionFactSource.Edition &&
                !facts[i + 1].SameStateAs(facts[i]))
            {
                pending = new DivisionUncertainty(facts[i].Date, facts[i + 1].Date, Describe(facts[i], facts[i + 1]));
            }
        }

        var (validFrom, validTo) = Validity(state);
        var end = EndFact(state, i);
        return new DivisionDetails(state.Code, summary.Name, state.Level, summary.Status, date, validFrom, validTo,
            end?.Successors.FirstOrDefault(), [], NamePeriods(state), facts.FirstOrDefault()?.Date, pending,
            changedBetween, end?.Successors ?? []);
    }

    /// <summary>
    /// The first day the division was in force after not being so (null: in force since the first fact known) and the
    /// first day it was no longer in force after its last period in force (null: still in force).
    /// </summary>
    public static (DateOnly? ValidFrom, DateOnly? ValidTo) Validity(DivisionState state)
    {
        var facts = state.Facts;
        var first = facts.FindIndex(f => f.InForce);
        var last = facts.FindLastIndex(f => f.InForce);
        if (first < 0)
        {
            return (null, null);
        }

        DateOnly? from = first == 0 && facts[0].Source == DivisionFactSource.Edition ? null : facts[first].Date;
        DateOnly? to = last + 1 < facts.Count ? facts[last + 1].Date : null;
        return (from, to);
    }

    /// <summary>Every name in force and its period, oldest first (an edition change dated by the later cut-off).</summary>
    public static IReadOnlyList<DivisionNamePeriod> NamePeriods(DivisionState state)
    {
        var periods = new List<DivisionNamePeriod>();
        string? current = null;
        DateOnly? from = null;
        var first = true;
        foreach (var fact in state.Facts)
        {
            var name = fact.InForce ? fact.Name : null;
            if (name == current)
            {
                first = false;
                continue;
            }

            if (current is not null)
            {
                periods.Add(new DivisionNamePeriod(current, from, fact.Date));
            }

            current = name;
            from = first && fact.Source == DivisionFactSource.Edition ? null : fact.Date;
            first = false;
        }

        if (current is not null)
        {
            periods.Add(new DivisionNamePeriod(current, from, null));
        }

        return periods;
    }

    /// <summary>
    /// The history: recorded changes with their legal basis, and the changes read from consecutive editions (dated by
    /// the later cut-off, <see cref="DivisionEvent.ChangedAfter"/> the earlier one), oldest first.
    /// </summary>
    public static IReadOnlyList<DivisionEvent> History(DivisionState state)
    {
        var history = new List<DivisionEvent>();
        DivisionFact? previous = null;
        foreach (var fact in state.Facts)
        {
            if (fact.Source == DivisionFactSource.Change)
            {
                history.AddRange(state.Events.Where(e => e.Sequence == fact.EventSequence));
            }
            else if (previous is null || !previous.SameStateAs(fact))
            {
                history.AddRange(EditionEvents(state.Code, previous, fact));
            }

            previous = fact;
        }

        // Events that change no fact (a merge's target noting what it absorbed) keep their effective date's place.
        history.AddRange(state.Events.Where(e => state.Facts.All(f => f.EventSequence != e.Sequence)));
        return history
            .OrderBy(e => e.EffectiveDate)
            .ThenBy(e => e.Sequence == 0 ? 1 : 0)
            .ThenBy(e => e.Sequence)
            .ToList();
    }

    /// <summary>Checks a step against this division's facts; throws the rule it breaks.</summary>
    public static void EnsureCanApply(DivisionState state, string code, DivisionStep step)
    {
        EnsureReason(step.Reason);
        if (step.Kind is DivisionStepKind.Establish or DivisionStepKind.Rename)
        {
            EnsureName(step.Name);
        }

        var later = state.Facts.LastOrDefault(f => f.Source == DivisionFactSource.Change && f.Date > step.EffectiveDate);
        var laterEvent = later is null ? null : state.Events.FirstOrDefault(e => e.Sequence == later.EventSequence);
        if (laterEvent is not null)
        {
            throw DomainException.Violation("division-change-conflict",
                $"Division {code} already has a change recorded effective {laterEvent.EffectiveDate:yyyy-MM-dd}: " +
                $"{ApiTerms.Value(laterEvent.Kind)} #{laterEvent.Sequence} ({laterEvent.Reason}). A change dated " +
                $"{step.EffectiveDate:yyyy-MM-dd} would contradict it; changes to a division are recorded in date order.");
        }

        var before = StateBefore(state, step.EffectiveDate);
        var beforeStatus = StatusBefore(state, step.EffectiveDate);
        switch (step.Kind)
        {
            case DivisionStepKind.Establish:
                if (beforeStatus == DivisionStatus.InForce)
                {
                    throw DomainException.Violation("division-already-in-force",
                        $"Division {code} ({before!.Name}) is already in force on {step.EffectiveDate:yyyy-MM-dd}.");
                }

                if (state.Code.Length > 0 && step.Level is { } level && level != state.Level)
                {
                    throw DomainException.Violation("division-level-mismatch",
                        $"Code {code} was recorded as a {ApiTerms.Value(state.Level)} division, not a " +
                        $"{ApiTerms.Value(level)} one.");
                }

                break;
            default:
                if (beforeStatus != DivisionStatus.InForce)
                {
                    throw DomainException.Violation("division-not-in-force",
                        $"Division {code} is not in force on {step.EffectiveDate:yyyy-MM-dd} " +
                        $"({ApiTerms.Value(beforeStatus)}).");
                }

                if (step.Kind == DivisionStepKind.Rename && before!.Name == step.Name!.Trim())
                {
                    throw DomainException.Violation("division-name-unchanged",
                        $"Division {code} is already named {before.Name} on {step.EffectiveDate:yyyy-MM-dd}.");
                }

                if (step.Kind == DivisionStepKind.Reparent && before!.ParentCode == step.ParentCode)
                {
                    throw DomainException.Violation("division-parent-unchanged",
                        $"Division {code} is already under {step.ParentCode} on {step.EffectiveDate:yyyy-MM-dd}.");
                }

                break;
        }

        EnsureEditionAgrees(state, code, step, before);
    }

    /// <summary>
    /// Applies a checked step: adds its fact and event, recording the acting account (for the audit) and the office it
    /// acted for (what the public history names). Returns the event.
    /// </summary>
    public static DivisionEvent Apply(DivisionState state, string code, DivisionStep step, DateTimeOffset recordedAt,
        string actor, string? office = null)
    {
        EnsureCanApply(state, code, step);
        var before = StateBefore(state, step.EffectiveDate);
        if (state.Code.Length == 0)
        {
            state.Code = code;
            state.Level = step.Level ?? throw DomainException.Invalid("division-level-required", "level",
                "A new division needs its level.");
        }

        var sequence = state.Events.Count + 1;
        var name = step.Name?.Trim();
        DivisionFact? fact = step.Kind switch
        {
            DivisionStepKind.Establish => new DivisionFact(step.EffectiveDate, DivisionFactSource.Change,
                DivisionStatus.InForce, name, step.ParentCode, [], sequence),
            DivisionStepKind.Rename => before! with
            {
                Date = step.EffectiveDate, Source = DivisionFactSource.Change, Name = name, EventSequence = sequence,
            },
            DivisionStepKind.Reparent => before! with
            {
                Date = step.EffectiveDate, Source = DivisionFactSource.Change, ParentCode = step.ParentCode,
                EventSequence = sequence,
            },
            DivisionStepKind.End => new DivisionFact(step.EffectiveDate, DivisionFactSource.Change,
                step.EndStatus ?? DivisionStatus.Abolished, before!.Name, null, step.RelatedCodes, sequence),
            _ => null,
        };
        var kind = step.Kind switch
        {
            DivisionStepKind.Establish => DivisionEventKind.Established,
            DivisionStepKind.Rename => DivisionEventKind.Renamed,
            DivisionStepKind.Reparent => DivisionEventKind.Reparented,
            DivisionStepKind.Absorb => DivisionEventKind.Absorbed,
            _ => step.EndStatus switch
            {
                DivisionStatus.Merged => DivisionEventKind.MergedInto,
                DivisionStatus.Recoded => DivisionEventKind.Recoded,
                DivisionStatus.Split => DivisionEventKind.SplitInto,
                _ => DivisionEventKind.Abolished,
            },
        };
        var related = step.Kind == DivisionStepKind.Reparent || step.Kind == DivisionStepKind.Establish
            ? step.ParentCode
            : step.RelatedCodes.FirstOrDefault();
        var recorded = new DivisionEvent(sequence, kind, step.EffectiveDate, recordedAt, actor, step.Reason.Trim(),
            name ?? before?.Name, step.Kind == DivisionStepKind.Rename ? before?.Name : null, related, null, code,
            step.RelatedCodes, office);
        state.Events.Add(recorded);
        if (fact is not null)
        {
            Insert(state, fact);
        }

        state.Format = DivisionState.CurrentFormat;
        return recorded;
    }

    /// <summary>A step is refused when the first edition on or after its date says the opposite.</summary>
    private static void EnsureEditionAgrees(DivisionState state, string code, DivisionStep step, DivisionFact? before)
    {
        var edition = state.Facts.FirstOrDefault(f =>
            f.Source == DivisionFactSource.Edition && f.Date >= step.EffectiveDate);
        if (edition is null)
        {
            return;
        }

        var contradiction = step.Kind switch
        {
            DivisionStepKind.Establish when !edition.InForce => $"does not list {code}",
            DivisionStepKind.End when edition.InForce => $"still lists {code} ({edition.Name})",
            DivisionStepKind.Rename when edition.InForce && edition.Name == before?.Name =>
                $"still names {code} {edition.Name}",
            DivisionStepKind.Reparent when edition.InForce && edition.ParentCode == before?.ParentCode =>
                $"still lists {code} under {edition.ParentCode}",
            _ => null,
        };
        if (contradiction is not null)
        {
            throw DomainException.Violation("division-change-contradicts-edition",
                $"The official edition with cut-off {edition.Date:yyyy-MM-dd} {contradiction}, so this change cannot " +
                $"take effect on {step.EffectiveDate:yyyy-MM-dd}.");
        }
    }

    private static DivisionFact? StateBefore(DivisionState state, DateOnly date)
    {
        DivisionFact? found = null;
        foreach (var fact in state.Facts)
        {
            if (fact.Date < date || (fact.Date == date && fact.Source == DivisionFactSource.Change))
            {
                found = fact;
            }
        }

        return found;
    }

    private static DivisionStatus StatusBefore(DivisionState state, DateOnly date)
    {
        var i = state.Facts.FindLastIndex(f =>
            f.Date < date || (f.Date == date && f.Source == DivisionFactSource.Change));
        return i < 0 && state.Facts.Count == 0 ? DivisionStatus.NotYetEstablished : StatusAt(state, i);
    }

    private static int LastIndexOnOrBefore(List<DivisionFact> facts, DateOnly date) =>
        facts.FindLastIndex(f => f.Date <= date);

    private static DivisionStatus StatusAt(DivisionState state, int i)
    {
        if (i < 0)
        {
            // Before the first fact: a recorded establishment says "not yet"; an edition says only what it saw.
            return state.Facts.Count > 0 && state.Facts[0].Source == DivisionFactSource.Change
                ? DivisionStatus.NotYetEstablished
                : DivisionStatus.Unknown;
        }

        if (state.Facts[i].InForce)
        {
            return DivisionStatus.InForce;
        }

        return EndFact(state, i)?.Status ?? DivisionStatus.NotYetEstablished;
    }

    /// <summary>The fact that ended the division's last period in force up to index <paramref name="i"/>.</summary>
    private static DivisionFact? EndFact(DivisionState state, int i)
    {
        if (i < 0 || state.Facts[i].InForce)
        {
            return null;
        }

        var j = i;
        while (j > 0 && !state.Facts[j - 1].InForce)
        {
            j--;
        }

        return j == 0 ? null : state.Facts[j];
    }

    private static string? LastKnownName(DivisionState state, DateOnly date) =>
        state.Facts.LastOrDefault(f => f.Date <= date && f.Name is not null)?.Name
        ?? state.Facts.FirstOrDefault(f => f.Name is not null)?.Name;

    private static void Insert(DivisionState state, DivisionFact fact)
    {
        var at = state.Facts.FindIndex(f => f.Date > fact.Date ||
            (f.Date == fact.Date && f.Source == DivisionFactSource.Edition && fact.Source == DivisionFactSource.Change));
        if (at < 0)
        {
            state.Facts.Add(fact);
        }
        else
        {
            state.Facts.Insert(at, fact);
        }
    }

    private static string Describe(DivisionFact from, DivisionFact to)
    {
        if (from.InForce && !to.InForce)
        {
            return $"{from.Name} no longer listed";
        }

        if (!from.InForce && to.InForce)
        {
            return $"{to.Name} listed under {to.ParentCode ?? "(none)"}";
        }

        var parts = new List<string>();
        if (from.Name != to.Name)
        {
            parts.Add($"name {from.Name} -> {to.Name}");
        }

        if (from.ParentCode != to.ParentCode)
        {
            parts.Add($"parent {from.ParentCode} -> {to.ParentCode}");
        }

        return string.Join("; ", parts);
    }

    private static IEnumerable<DivisionEvent> EditionEvents(string code, DivisionFact? previous, DivisionFact fact)
    {
        var reason = previous is null
            ? $"{EditionSource}, edition {fact.Date:yyyy-MM-dd}"
            : $"{EditionSource}: edition {fact.Date:yyyy-MM-dd} differs from {previous.Date:yyyy-MM-dd}; exact day not recorded";
        DateOnly? after = previous?.Date;
        DivisionEvent Event(DivisionEventKind kind, string? name, string? previousName, string? related) =>
            new(0, kind, fact.Date, default, "official edition", reason, name, previousName, related, after, code);

        if (previous is null || !previous.InForce)
        {
            if (fact.InForce)
            {
                yield return Event(DivisionEventKind.Recorded, fact.Name, null, fact.ParentCode);
            }

            yield break;
        }

        if (!fact.InForce)
        {
            yield return Event(DivisionEventKind.NoLongerListed, null, previous.Name, null);
            yield break;
        }

        if (previous.Name != fact.Name)
        {
            yield return Event(DivisionEventKind.Renamed, fact.Name, previous.Name, null);
        }

        if (previous.ParentCode != fact.ParentCode)
        {
            yield return Event(DivisionEventKind.Reparented, fact.Name, null, fact.ParentCode);
        }
    }

    private static void EnsureName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw DomainException.Invalid("division-name-required", "name", "A name is required.");
        }

        if (trimmed.Length > MaxNameLength || trimmed.Any(char.IsControl))
        {
            throw DomainException.Invalid("division-name-invalid", "name",
                $"A division name has at most {MaxNameLength} characters and no control characters.");
        }
    }

    private static void EnsureReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid("reason-required", "reason",
                "Every change to a division states its reason (e.g. the approving document).");
        }
    }
}
