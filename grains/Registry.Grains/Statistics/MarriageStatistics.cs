using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Statistics;
using Registry.Grains.Marriages;
using F = Registry.Abstractions.Statistics.StatisticsFigures;

namespace Registry.Grains.Statistics;

/// <summary>What a marriage record counts in the statistics, from its history. A record entered from the archive
/// counts as a registration on its historical date and as an archive record on the civil day (in the bureau's
/// <c>zone</c>) it was entered. Pure.</summary>
public static class MarriageStatistics
{
    public static RecordStatistics Of(MarriageState state, TimeZoneInfo zone)
    {
        if (state.Record != MarriageRecordStatus.Registered)
        {
            return RecordStatistics.None;
        }

        var facts = new List<StatisticsFact>();
        foreach (var e in state.Events)
        {
            // A township that registered the marriage (a record from the archive) is counted at its county.
            var office = StatisticsOffices.OfficeOf(e.Office ?? state.Office) ?? state.Office;
            var id = $"marriage:{state.Id}#{e.Sequence}";
            switch (e.Kind)
            {
                case MarriageEventKind.EnteredFromArchive:
                    facts.Add(new(id + ":archive", F.ArchiveRecords, office,
                        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.RecordedAt, zone).DateTime)));
                    goto case MarriageEventKind.Registered;
                case MarriageEventKind.Registered:
                    facts.Add(new(id, F.MarriageRegistrations, office, e.EffectiveDate));
                    var mainland = new[] { state.PartyA, state.PartyB }
                        .Count(p => IdentityDocument.IsOfMainlandResident(p.DocumentType));
                    facts.Add(new(id + ":residence", mainland switch
                    {
                        2 => F.MarriageBothMainland,
                        1 => F.MarriageOneMainland,
                        _ => F.MarriageNoneMainland,
                    }, office, e.EffectiveDate));
                    if (IsAcrossRegions(office, state.PartyA, state.PartyB))
                    {
                        facts.Add(new(id + ":cross", F.MarriageCrossRegion, office, e.EffectiveDate));
                    }

                    foreach (var (party, suffix) in new[] { (state.PartyA, "a"), (state.PartyB, "b") })
                    {
                        facts.Add(new($"{id}:prior-{suffix}", PriorStatusFigure(party.PriorStatus), office,
                            e.EffectiveDate));
                        if (state.Reunion == true)
                        {
                            facts.Add(new($"{id}:reunion-{suffix}", F.MarriageReunions, office, e.EffectiveDate));
                        }
                    }

                    break;
                case MarriageEventKind.DivorceApplied:
                    facts.Add(new(id, F.DivorceApplications, office, e.EffectiveDate));
                    break;
                case MarriageEventKind.DivorceWithdrawn:
                    facts.Add(new(id, F.DivorceWithdrawn, office, e.EffectiveDate));
                    break;
                case MarriageEventKind.DivorceDeemedWithdrawn:
                    facts.Add(new(id, F.DivorceDeemedWithdrawn, office, e.EffectiveDate));
                    break;
                case MarriageEventKind.Divorced:
                    facts.Add(new(id, F.DivorcesByRegistration, office, e.EffectiveDate));
                    break;
                case MarriageEventKind.DivorcedByCourt:
                    facts.Add(new(id, F.DivorcesByCourt, office, e.EffectiveDate));
                    break;
                case MarriageEventKind.CertificateReplaced:
                    facts.Add(new(id, F.ReplacementCertificates, office, e.EffectiveDate));
                    break;
            }
        }

        return new RecordStatistics(facts, []);
    }

    /// <summary>
    /// The figure one party of a registration counts in, in persons as the civil-affairs statistics count first
    /// marriages and remarriages (初婚人数, 再婚人数): never married, or every earlier marriage annulled (void from the
    /// start, Civil Code art. 1054) -> first marriage; divorced or widowed -> remarriage; a record stored before the
    /// status was recorded -> unknown, never guessed. 复婚 (the two divorced from each other) is counted among the
    /// remarriages as well, per person.
    /// </summary>
    public static string PriorStatusFigure(PriorMaritalStatus? status) => status switch
    {
        PriorMaritalStatus.NeverMarried or PriorMaritalStatus.PreviousMarriageAnnulled => F.MarriageFirst,
        PriorMaritalStatus.Divorced or PriorMaritalStatus.Widowed => F.MarriageRemarriages,
        _ => F.MarriagePriorStatusUnknown,
    };

    /// <summary>Registered outside a mainland party's home province or city: the office's first four digits (its
    /// prefecture-level city, or a municipality) differ from those of the address code of a party's resident ID. A
    /// party with no document recorded has no address code to judge by.</summary>
    public static bool IsAcrossRegions(string office, PartyRecord a, PartyRecord b) =>
        new[] { a, b }.Any(p => p.DocumentType == IdentityDocumentType.ResidentId && p.IdNumber[..4] != office[..4]);
}
