using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>A report year as the public sees it: filing date, lateness, version count and inspection; no figures.</summary>
public sealed record AnnualReportSummaryResponse(
    int Year,
    DateOnly FiledOn,
    bool FiledLate,
    int Versions,
    InspectionResponse? Inspection)
{
    public static AnnualReportSummaryResponse From(AnnualReportSummary summary) =>
        new(summary.Year, summary.FiledOn, summary.FiledLate, summary.Versions,
            summary.Inspection is null ? null : InspectionResponse.From(summary.Inspection));
}
