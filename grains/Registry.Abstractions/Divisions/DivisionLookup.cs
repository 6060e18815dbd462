using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;

namespace Registry.Abstractions.Divisions;

/// <summary>
/// The one question other domains ask of the division history: is code C in force on date D, and what is its parent
/// chain then. Every record that names a division (an office, a USCC's digits, a place name, a boundary line's sides)
/// asks it for the record's own date.
/// </summary>
public static class DivisionLookup
{
    /// <summary>
    /// The division and its ancestors as of <paramref name="date"/> (nearest first), or null when the code was never
    /// recorded. <see cref="DivisionSummary.Status"/> of the first entry says whether it was in force;
    /// <see cref="DivisionStatus.Unknown"/> means the date is before anything the registry knows of the code.
    /// </summary>
    public static async Task<IReadOnlyList<DivisionSummary>?> AsOfAsync(this IGrainFactory grains, string code,
        DateOnly date)
    {
        try
        {
            return await grains.Get<IDivisionGrain>(code).GetLineageAsync(date);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// The lineage as of <paramref name="date"/> of a division that was in force then; refuses a code never recorded
    /// (<c>division-unknown</c>) and one known not to be in force on that date (<c>division-not-in-force</c>, naming
    /// the status). A date before the registry's earliest record of the code is accepted: nothing says otherwise.
    /// </summary>
    public static Task<IReadOnlyList<DivisionSummary>> EnsureInForceAsync(this IGrainFactory grains,
        string code, DateOnly date) => grains.EnsureInForceAsync(code, date, "division", "Division");

    /// <summary>
    /// The one check every record naming a division makes, for the record's own date: as
    /// <see cref="EnsureInForceAsync(IGrainFactory, string, DateOnly)"/>, with the rules named after what the record
    /// calls the division (<paramref name="subject"/>-unknown, <paramref name="subject"/>-not-in-force, e.g.
    /// <c>uscc-division-not-in-force</c>) and <paramref name="role"/> saying in the message which division it is.
    /// </summary>
    public static async Task<IReadOnlyList<DivisionSummary>> EnsureInForceAsync(this IGrainFactory grains,
        string code, DateOnly date, string subject, string role)
    {
        var lineage = await grains.AsOfAsync(code, date) ?? throw Unknown(code, subject, role);
        EnsureInForce(lineage[0], code, date, subject, role);
        return lineage;
    }

    /// <summary>
    /// The same check as <see cref="EnsureInForceAsync(IGrainFactory, string, DateOnly, string, string)"/>, same
    /// rules and messages, for a caller that needs only the division itself (its status, level and name), not its
    /// parent chain: one call to the division's grain instead of one per level of the chain (a marriage
    /// registration checks its office this way on every request).
    /// </summary>
    public static async Task<DivisionSummary> EnsureDivisionInForceAsync(this IGrainFactory grains, string code,
        DateOnly date, string subject, string role)
    {
        DivisionSummary division;
        try
        {
            division = await grains.Get<IDivisionGrain>(code).GetSummaryAsync(date);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw Unknown(code, subject, role);
        }

        EnsureInForce(division, code, date, subject, role);
        return division;
    }

    // A code no edition the registry holds records is most often a division abolished before the earliest of them
    // (崇文区, 110103, merged in 2010, for a record from the archive): the message says how it comes to be known.
    private static DomainException Unknown(string code, string subject, string role) =>
        DomainException.Violation($"{subject}-unknown",
            $"{role} {code}: no such division is recorded. A division abolished before the earliest edition of the " +
            "codes the registry holds is recorded by importing an edition of its time (import-divisions --edition).");

    private static void EnsureInForce(DivisionSummary division, string code, DateOnly date, string subject,
        string role)
    {
        var status = division.Status;
        if (status is not (DivisionStatus.InForce or DivisionStatus.Unknown))
        {
            throw DomainException.Violation($"{subject}-not-in-force",
                $"{role} {code} ({division.Name}) is not in force on {date:yyyy-MM-dd} ({Describe(status)}).");
        }
    }

    /// <summary>A status as a message says it ("merged into another division").</summary>
    public static string Describe(DivisionStatus status) => status switch
    {
        DivisionStatus.NotYetEstablished => "not yet established",
        DivisionStatus.Abolished => "abolished",
        DivisionStatus.Merged => "merged into another division",
        DivisionStatus.NoLongerListed => "no longer in the official list",
        DivisionStatus.Recoded => "replaced by a new code",
        DivisionStatus.Split => "split",
        _ => "not in force",
    };
}
