using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>A report year with every version (the last is current) and its inspection; for the organization and its
/// registrar.</summary>
public sealed record AnnualReportResponse(
    string Uscc,
    int Year,
    bool FiledLate,
    IReadOnlyList<AnnualReportVersionResponse> Versions,
    InspectionResponse? Inspection)
{
    public static AnnualReportResponse From(AnnualReportDetails details) =>
        new(details.Uscc, details.Year, details.FiledLate,
            details.Versions.Select(AnnualReportVersionResponse.From).ToList(),
            details.Inspection is null ? null : InspectionResponse.From(details.Inspection));
}
