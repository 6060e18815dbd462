using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Text;

namespace Registry.Grains.Divisions;

/// <summary>
/// Turns an approved change into the steps each division takes, given the divisions involved as of the effective
/// date (and, for ends, their children then). Pure: the change grain reads the divisions and checks each step with its
/// own grain; this decides what the change means and refuses one that cannot be made.
/// </summary>
public static class DivisionChangePlanner
{
    /// <summary>The divisions the planner must see as of the effective date (existing ones only).</summary>
    public static IReadOnlyList<string> Involved(DivisionChange change) =>
        new[] { change.Code, change.ParentCode }
            .Concat(change.Sources)
            .Concat(change.Parts.Select(p => p.Code))
            .Concat(change.Transfers.Select(t => t.ToCode))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();

    /// <summary>The divisions whose children as of the date the plan moves.</summary>
    public static IReadOnlyList<string> Ending(DivisionChange change) => change.Kind switch
    {
        DivisionChangeKind.Abolish or DivisionChangeKind.Recode or DivisionChangeKind.Split => [change.Code!],
        DivisionChangeKind.Merge => change.Sources,
        _ => [],
    };

    /// <param name="change">The change.</param>
    /// <param name="known">The involved divisions as of the date (missing: never recorded).</param>
    /// <param name="children">The children in force on the date of each division in <see cref="Ending"/>.</param>
    public static IReadOnlyList<PlannedStep> Plan(DivisionChange change,
        IReadOnlyDictionary<string, DivisionSummary> known,
        IReadOnlyDictionary<string, IReadOnlyList<DivisionSummary>> children)
    {
        var d = change.EffectiveDate;
        var reason = change.Reason;
        var steps = new List<PlannedStep>();

        DivisionSummary InForce(string code, string field)
        {
            if (!known.TryGetValue(code, out var summary))
            {
                throw DomainException.Violation("division-unknown", $"No division {code} ({field}) is recorded.");
            }

            if (summary.Status != DivisionStatus.InForce)
            {
                throw DomainException.Violation("division-not-in-force",
                    $"Division {code} ({field}) is not in force on {d:yyyy-MM-dd} ({ApiTerms.Value(summary.Status)}).");
            }

            return summary;
        }

        void EnsureParentFits(string? parentCode, DivisionLevel level, string field)
        {
            if (level == DivisionLevel.Province)
            {
                if (parentCode is not null)
                {
                    throw DomainException.Invalid("division-parent-invalid", field, "A province has no parent.");
                }

                return;
            }

            if (parentCode is null)
            {
                throw DomainException.Invalid("division-parent-required", field,
                    $"A {ApiTerms.Value(level)} division needs a parent.");
            }

            var parent = InForce(parentCode, field);
            if (parent.Level >= level)
            {
                throw DomainException.Violation("division-parent-level",
                    $"{parentCode} is a {ApiTerms.Value(parent.Level)} division; a {ApiTerms.Value(level)} division " +
                    "must be under a higher level.");
            }
        }

        DivisionStep Step(DivisionStepKind kind, string? name = null, DivisionLevel? level = null,
            string? parent = null, DivisionStatus? end = null, IReadOnlyList<string>? related = null) =>
            new(kind, d, reason, name, level, parent, end, related ?? []);

        void Establish(string code, string name, DivisionLevel level, string? parent)
        {
            steps.Add(new PlannedStep(code, Step(DivisionStepKind.Establish, name, level, parent), null));
            if (parent is not null)
            {
                steps.Add(new PlannedStep(parent, null, code));
            }
        }

        void MoveChildren(string from, string to)
        {
            foreach (var child in children.GetValueOrDefault(from) ?? [])
            {
                steps.Add(new PlannedStep(to, null, child.Code));
                steps.Add(new PlannedStep(child.Code, Step(DivisionStepKind.Reparent, parent: to), null));
            }
        }

        switch (change.Kind)
        {
            case DivisionChangeKind.Establish:
            {
                var level = change.Level ?? throw DomainException.Invalid("division-level-required", "level",
                    "A new division needs its level.");
                EnsureLevelMatchesCode(change.Code!, level);
                EnsureParentFits(change.ParentCode, level, "parent");
                Establish(change.Code!, Required(change.Name, "name"), level, change.ParentCode);
                break;
            }

            case DivisionChangeKind.Rename:
                InForce(change.Code!, "code");
                steps.Add(new PlannedStep(change.Code!, Step(DivisionStepKind.Rename, Required(change.Name, "name")),
                    null));
                break;

            case DivisionChangeKind.Abolish:
            {
                InForce(change.Code!, "code");
                var remaining = children.GetValueOrDefault(change.Code!) ?? [];
                if (remaining.Count > 0)
                {
                    throw DomainException.Violation("division-has-children",
                        $"Division {change.Code} still has {remaining.Count} subdivision(s) on {d:yyyy-MM-dd} " +
                        $"(e.g. {string.Join(", ", remaining.Take(5).Select(c => c.Code))}); transfer, merge or " +
                        "abolish them first.");
                }

                steps.Add(new PlannedStep(change.Code!, Step(DivisionStepKind.End, end: DivisionStatus.Abolished),
                    null));
                break;
            }

            case DivisionChangeKind.Recode:
            {
                var old = InForce(change.Code!, "code");
                var part = Single(change.Parts, "successor");
                if (part.Code == old.Code)
                {
                    throw DomainException.Invalid("recode-same-code", "successor", "The new code must differ.");
                }

                EnsureNew(known, part.Code, "successor");
                EnsureLevelMatchesCode(part.Code, old.Level);
                Establish(part.Code, part.Name?.Trim() is { Length: > 0 } name ? name : old.Name, old.Level,
                    change.ParentCode ?? old.ParentCode);
                MoveChildren(old.Code, part.Code);
                steps.Add(new PlannedStep(old.Code,
                    Step(DivisionStepKind.End, end: DivisionStatus.Recoded, related: [part.Code]), null));
                break;
            }

            case DivisionChangeKind.Merge:
            {
                if (change.Sources.Count == 0)
                {
                    throw DomainException.Invalid("merge-sources-required", "sources", "Name the divisions merged.");
                }

                var into = Single(change.Parts, "into");
                if (change.Sources.Contains(into.Code))
                {
                    throw DomainException.Invalid("merge-target-self", "into",
                        "A division cannot be merged into itself; name the others.");
                }

                var sources = change.Sources.Select(code => InForce(code, "sources")).ToList();
                var level = sources[0].Level;
                if (sources.Any(s => s.Level != level))
                {
                    throw DomainException.Violation("merge-level-mismatch", "Only divisions of one level merge.");
                }

                if (known.ContainsKey(into.Code) && into.Name is null)
                {
                    var target = InForce(into.Code, "into");
                    if (target.Level != level)
                    {
                        throw DomainException.Violation("merge-level-mismatch",
                            $"{into.Code} is a {ApiTerms.Value(target.Level)} division; the merged divisions are " +
                            $"{ApiTerms.Value(level)} divisions.");
                    }

                    steps.Add(new PlannedStep(into.Code,
                        Step(DivisionStepKind.Absorb, related: change.Sources), null));
                }
                else
                {
                    EnsureNew(known, into.Code, "into");
                    EnsureLevelMatchesCode(into.Code, level);
                    var parent = change.ParentCode ?? sources[0].ParentCode;
                    EnsureParentFits(parent, level, "parent");
                    Establish(into.Code, Required(into.Name, "into.name"), level, parent);
                }

                foreach (var source in sources)
                {
                    MoveChildren(source.Code, into.Code);
                    steps.Add(new PlannedStep(source.Code,
                        Step(DivisionStepKind.End, end: DivisionStatus.Merged, related: [into.Code]), null));
                }

                break;
            }

            case DivisionChangeKind.Split:
            {
                var old = InForce(change.Code!, "code");
                if (change.Parts.Count < 2)
                {
                    throw DomainException.Invalid("split-parts-required", "parts",
                        "A split names at least two successors.");
                }

                var partCodes = change.Parts.Select(p => p.Code).ToHashSet(StringComparer.Ordinal);
                foreach (var part in change.Parts)
                {
                    if (part.Name is null)
                    {
                        var existing = InForce(part.Code, "parts");
                        if (existing.Level != old.Level)
                        {
                            throw DomainException.Violation("split-level-mismatch",
                                $"{part.Code} is a {ApiTerms.Value(existing.Level)} division; {old.Code} is a " +
                                $"{ApiTerms.Value(old.Level)} division.");
                        }
                    }
                    else
                    {
                        EnsureNew(known, part.Code, "parts");
                        EnsureLevelMatchesCode(part.Code, old.Level);
                        Establish(part.Code, part.Name.Trim(), old.Level, change.ParentCode ?? old.ParentCode);
                    }
                }

                var current = children.GetValueOrDefault(old.Code) ?? [];
                var mapping = change.Transfers.ToDictionary(t => t.Code, t => t.ToCode, StringComparer.Ordinal);
                var unassigned = current.Where(c => !mapping.ContainsKey(c.Code)).Select(c => c.Code).ToList();
                if (unassigned.Count > 0)
                {
                    throw DomainException.Violation("split-child-unassigned",
                        $"{unassigned.Count} subdivision(s) of {old.Code} on {d:yyyy-MM-dd} are not transferred " +
                        $"(e.g. {string.Join(", ", unassigned.Take(5))}); every one goes to a successor.");
                }

                foreach (var transfer in change.Transfers)
                {
                    if (current.All(c => c.Code != transfer.Code))
                    {
                        throw DomainException.Violation("split-transfer-not-a-child",
                            $"{transfer.Code} is not under {old.Code} on {d:yyyy-MM-dd}.");
                    }

                    if (!partCodes.Contains(transfer.ToCode))
                    {
                        throw DomainException.Violation("split-transfer-target",
                            $"{transfer.Code} is transferred to {transfer.ToCode}, which is not one of the successors.");
                    }

                    steps.Add(new PlannedStep(transfer.ToCode, null, transfer.Code));
                    steps.Add(new PlannedStep(transfer.Code,
                        Step(DivisionStepKind.Reparent, parent: transfer.ToCode), null));
                }

                steps.Add(new PlannedStep(old.Code,
                    Step(DivisionStepKind.End, end: DivisionStatus.Split, related: [.. partCodes.Order()]), null));
                break;
            }

            case DivisionChangeKind.Transfer:
            {
                var moving = InForce(change.Code!, "code");
                var parentCode = change.ParentCode ?? throw DomainException.Invalid("division-parent-required",
                    "parent", "Name the division it moves to.");
                EnsureParentFits(parentCode, moving.Level, "parent");
                steps.Add(new PlannedStep(parentCode, null, moving.Code));
                steps.Add(new PlannedStep(moving.Code, Step(DivisionStepKind.Reparent, parent: parentCode), null));
                break;
            }
        }

        return steps;
    }

    /// <summary>The level a code's shape implies: 9 digits a township, xx0000 a province, xxxx00 a prefecture.</summary>
    public static DivisionLevel LevelOf(string code) =>
        code.Length == 9 ? DivisionLevel.Township
        : code.EndsWith("0000", StringComparison.Ordinal) ? DivisionLevel.Province
        : code.EndsWith("00", StringComparison.Ordinal) ? DivisionLevel.Prefecture
        : DivisionLevel.County;

    private static void EnsureLevelMatchesCode(string code, DivisionLevel level)
    {
        // 东莞, 中山 and 儋州 are prefectures listed as counties under their own code; a new code follows the shape.
        if (LevelOf(code) != level)
        {
            throw DomainException.Invalid("division-code-level", "code",
                $"Code {code} is the code of a {ApiTerms.Value(LevelOf(code))} division, not a " +
                $"{ApiTerms.Value(level)} one.");
        }
    }

    private static void EnsureNew(IReadOnlyDictionary<string, DivisionSummary> known, string code, string field)
    {
        if (known.TryGetValue(code, out var existing) && existing.Status == DivisionStatus.InForce)
        {
            throw DomainException.Violation("division-already-in-force",
                $"Division {code} ({existing.Name}, {field}) is already in force; name it without a name to use it.");
        }
    }

    private static DivisionPart Single(IReadOnlyList<DivisionPart> parts, string field) => parts.Count == 1
        ? parts[0]
        : throw DomainException.Invalid("division-successor-required", field, "Name exactly one successor.");

    private static string Required(string? value, string field) => value?.Trim() is { Length: > 0 } trimmed
        ? trimmed
        : throw DomainException.Invalid("division-name-required", field, "A name is required.");
}
