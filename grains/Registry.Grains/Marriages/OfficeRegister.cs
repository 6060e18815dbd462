using Registry.Abstractions.Marriages;
using Registry.Grains.Statistics;

namespace Registry.Grains.Marriages;

/// <summary>
/// What a marriage record contributes to the offices' day registers (<see cref="Abstractions.Marriages.IOfficeRegisterGrain"/>),
/// from its history and applications. Pure.
/// </summary>
public static class OfficeRegister
{
    /// <summary>The record's entries: each registration, archive entry (on the civil day it was entered, in
    /// <paramref name="zone"/>), divorce registration and replacement at its office and date, and each divorce
    /// application on the day its window opens.</summary>
    public static IReadOnlyList<OfficeDayEntry> Of(MarriageState state, TimeZoneInfo zone)
    {
        if (state.Record != MarriageRecordStatus.Registered)
        {
            return [];
        }

        var (a, b) = (state.PartyA.IdNumber, state.PartyB.IdNumber);
        var entries = new List<OfficeDayEntry>();
        foreach (var e in state.Events)
        {
            // A township that registered the marriage (a record from the archive) is listed in its county's register.
            var office = StatisticsOffices.OfficeOf(e.Office ?? state.Office) ?? state.Office;
            var entry = e.Kind switch
            {
                MarriageEventKind.Registered => new OfficeDayEntry(OfficeDayEntryKind.Registration, office,
                    e.EffectiveDate, state.Id, e.Reference ?? "", a, b),
                MarriageEventKind.EnteredFromArchive => new OfficeDayEntry(OfficeDayEntryKind.ArchiveEntry, office,
                    DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.RecordedAt, zone).DateTime), state.Id,
                    e.Reference ?? "", a, b),
                MarriageEventKind.Divorced => new OfficeDayEntry(OfficeDayEntryKind.DivorceRegistration, office,
                    e.EffectiveDate, state.Id, e.Reference ?? "", a, b),
                MarriageEventKind.CertificateReplaced => new OfficeDayEntry(
                    OfficeDayEntryKind.CertificateReplacement, office, e.EffectiveDate, state.Id, e.Reference ?? "",
                    a, b),
                _ => null,
            };
            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        entries.AddRange(state.Applications.Select(application => new OfficeDayEntry(
            OfficeDayEntryKind.DivorceApplicationDue, application.Office, application.CoolingOffEnds.AddDays(1),
            state.Id, DivorceApplicationId.Format(state.Id, application.Sequence), a, b)
        {
            CoolingOffEnds = application.CoolingOffEnds,
            LastDayToAppear = application.LastDayToAppear,
            Open = application.Outcome == DivorceApplicationOutcome.Open,
        }));
        return entries;
    }
}
