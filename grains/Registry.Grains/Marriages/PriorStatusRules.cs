using Registry.Abstractions.Marriages;

namespace Registry.Grains.Marriages;

/// <summary>
/// A party's marital status before a marriage, and whether the couple were married to each other before (复婚), from
/// the marriage records naming each party when the marriage is registered (their person record's, in registration
/// order). Pure.
/// </summary>
public static class PriorStatusRules
{
    /// <summary>
    /// The status of a party whose earlier records are <paramref name="earlier"/> (the marriage itself left out),
    /// for a marriage entered from the archive with its date <paramref name="date"/>: only records registered before
    /// that day count (the paper record is older than marriages the person made since); null for a registration made
    /// now, before which every record the person holds was made. The latest record not annulled decides: divorced
    /// (by registration or court, or dissolved when a declaration of death was revoked) or widowed (ended by death or
    /// declaration of death); only annulled records: <see cref="PriorMaritalStatus.PreviousMarriageAnnulled"/>; none:
    /// never married. Null when a record then in force would make it a second marriage (the registry refuses that,
    /// so the status cannot be told).
    /// </summary>
    public static PriorMaritalStatus? Of(IReadOnlyList<MarriageSummary> earlier, string marriageId, DateOnly? date)
    {
        var before = Before(earlier, marriageId, date).ToList();
        var latest = before.LastOrDefault(r => r.Status != MarriageStatus.Annulled);
        return latest?.Status switch
        {
            null => before.Count == 0 ? PriorMaritalStatus.NeverMarried : PriorMaritalStatus.PreviousMarriageAnnulled,
            MarriageStatus.Divorced or MarriageStatus.DivorcedByCourt or MarriageStatus.DissolvedByDeclarationOfDeath
                => PriorMaritalStatus.Divorced,
            MarriageStatus.EndedByDeath => PriorMaritalStatus.Widowed,
            _ => null,
        };
    }

    /// <summary>Whether the two parties share an earlier record (before <paramref name="date"/>, as in
    /// <see cref="Of"/>) that ended in
    /// divorce, by registration or by a court: they were married to each other and divorced (复婚).</summary>
    public static bool IsReunion(IReadOnlyList<MarriageSummary> earlierA, IReadOnlyList<MarriageSummary> earlierB,
        string marriageId, DateOnly? date)
    {
        var divorcedA = Before(earlierA, marriageId, date)
            .Where(r => r.Status is MarriageStatus.Divorced or MarriageStatus.DivorcedByCourt)
            .Select(r => r.Id)
            .ToHashSet(StringComparer.Ordinal);
        return Before(earlierB, marriageId, date).Any(r => divorcedA.Contains(r.Id));
    }

    private static IEnumerable<MarriageSummary> Before(IReadOnlyList<MarriageSummary> records, string marriageId,
        DateOnly? date) =>
        records.Where(r => r.Id != marriageId && (date is null || r.RegisteredOn < date));
}
