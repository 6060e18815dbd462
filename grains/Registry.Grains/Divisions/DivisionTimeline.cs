using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;

namespace Registry.Grains.Divisions;

/// <summary>Pure rules over a division's dated state: what was in force on a date, and which changes are allowed.</summary>
public static class DivisionTimeline
{
    public const int MaxNameLength = 50;

    /// <summary>The entry in force on <paramref name="date"/>: the last one starting on or before it, else the first.</summary>
    public static string? ValueAsOf(IReadOnlyList<DatedValue> timeline, DateOnly date)
    {
        DatedValue? found = null;
        foreach (var entry in timeline)
        {
            if (entry.From is null || entry.From <= date)
            {
                found = entry;
            }
        }

        return (found ?? timeline.FirstOrDefault())?.Value;
    }

    public static DivisionStatus StatusAsOf(DivisionState state, DateOnly date)
    {
        if (state.ValidFrom is { } from && date < from)
        {
            return DivisionStatus.NotYetEstablished;
        }

        return state.ValidTo is { } to && date >= to ? state.EndStatus : DivisionStatus.InForce;
    }

    public static bool IsLinkInForce(ChildLink link, DateOnly date) =>
        (link.From is null || link.From <= date) && (link.Until is null || date < link.Until);

    public static DivisionSummary SummaryAsOf(DivisionState state, DateOnly date) =>
        new(state.Code, ValueAsOf(state.Names, date) ?? state.Code, state.Level, StatusAsOf(state, date));

    public static IReadOnlyList<DivisionNamePeriod> NamePeriods(DivisionState state) =>
        state.Names
            .Select((entry, i) => new DivisionNamePeriod(
                entry.Value, entry.From, i + 1 < state.Names.Count ? state.Names[i + 1].From : state.ValidTo))
            .ToList();

    /// <summary>Checks a rename; throws the rule it breaks.</summary>
    public static void EnsureCanRename(DivisionState state, RenameDivision command)
    {
        EnsureName(command.Name);
        EnsureReason(command.Reason);
        EnsureInForce(state, command.EffectiveDate);
        var last = state.Names.LastOrDefault()?.From;
        if (last is { } lastFrom && command.EffectiveDate <= lastFrom)
        {
            throw DomainException.Violation("division-change-order",
                $"Division {state.Code} already has a name change effective {lastFrom:yyyy-MM-dd}; a rename must take effect after it.");
        }

        if (ValueAsOf(state.Names, command.EffectiveDate) == command.Name.Trim())
        {
            throw DomainException.Violation("division-name-unchanged",
                $"Division {state.Code} is already named {command.Name.Trim()} on {command.EffectiveDate:yyyy-MM-dd}.");
        }
    }

    public static void EnsureCanMerge(DivisionState state, MergeDivision command, DivisionSummary target)
    {
        EnsureReason(command.Reason);
        EnsureInForce(state, command.EffectiveDate);
        if (target.Code == state.Code)
        {
            throw DomainException.Invalid("merge-target-self", "into", "A division cannot be merged into itself.");
        }

        if (target.Level != state.Level)
        {
            throw DomainException.Violation("merge-level-mismatch",
                $"{state.Code} is a {state.Level} division; {target.Code} is a {target.Level} division. Only divisions of the same level merge.");
        }

        if (target.Status != DivisionStatus.InForce)
        {
            throw DomainException.Violation("merge-target-not-in-force",
                $"{target.Code} is not in force on {command.EffectiveDate:yyyy-MM-dd} ({target.Status}).");
        }
    }

    public static void EnsureCanAbolish(DivisionState state, AbolishDivision command)
    {
        EnsureReason(command.Reason);
        EnsureInForce(state, command.EffectiveDate);
        var remaining = state.Children
            .Where(c => c.Until is null || c.Until > command.EffectiveDate)
            .Select(c => c.Code)
            .ToList();
        if (remaining.Count > 0)
        {
            throw DomainException.Violation("division-has-children",
                $"Division {state.Code} still has {remaining.Count} subdivision(s) on {command.EffectiveDate:yyyy-MM-dd} " +
                $"(e.g. {string.Join(", ", remaining.Take(5))}); merge or abolish them first.");
        }
    }

    private static void EnsureInForce(DivisionState state, DateOnly date)
    {
        if (StatusAsOf(state, date) != DivisionStatus.InForce)
        {
            throw DomainException.Violation("division-not-in-force",
                $"Division {state.Code} is not in force on {date:yyyy-MM-dd} ({StatusAsOf(state, date)}).");
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
