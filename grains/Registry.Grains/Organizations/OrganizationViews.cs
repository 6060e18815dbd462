using Registry.Abstractions.Organizations;

namespace Registry.Grains.Organizations;

/// <summary>Maps stored state to the records that cross the grain boundary. Pure.</summary>
public static class OrganizationViews
{
    public static OrganizationDetails Details(OrganizationState state) =>
        new(state.Uscc, state.Name, state.Kind, state.RegisteringOffice, state.SupervisingUnit,
            state.LegalRepresentative, state.Address, state.BusinessScope, state.RegisteredCapital, state.FoundedOn,
            state.RegisteredOn, state.Status, state.DeregisteredOn, state.LegacyCodeOverrideReason is not null,
            state.Reports.Select(Summary).ToList(), state.ListEntries.ToList(), state.RevocationFlag,
            state.Grades.ToList(), state.Penalties.ToList(), state.RevokedOn);

    public static AnnualReportSummary Summary(AnnualReportRecord report) =>
        new(report.Year, report.FiledOn, report.FiledLate, report.Versions.Count, report.Inspection);

    public static AnnualReportDetails Report(OrganizationState state, AnnualReportRecord report) =>
        new(state.Uscc, report.Year, report.FiledLate, report.Versions.ToList(), report.Inspection);

    public static OrganizationIndexEntry IndexEntry(OrganizationState state) =>
        new(state.Uscc, state.Name, OrganizationNames.Normalize(state.Name), state.Kind, state.RegisteringOffice,
            state.Status,
            state.ListEntries.Where(e => e.IsActive).Select(e => new Listing(e.List, e.Ground, e.Year, e.ListedOn))
                .ToList(),
            state.Revision, OrganizationNames.Normalize(state.LegalRepresentative), AnnualCycle.PendingReportYear(state));
}
