using Registry.Abstractions.Boundaries;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>A joint inspection with its markers, findings, signatures and repairs.</summary>
public sealed record InspectionResponse(
    string Id,
    string Line,
    int Year,
    InspectionStatus Status,
    IReadOnlyList<string> Sides,
    IReadOnlyList<string> Markers,
    IReadOnlyList<InspectionFindingResponse> Findings,
    IReadOnlyList<InspectionSignatureResponse> Signatures,
    IReadOnlyList<MarkerRepairResponse> Repairs,
    DateOnly OpenedOn,
    DateOnly? CompletedOn,
    string Reason)
{
    public static InspectionResponse From(InspectionDetails d) =>
        new(d.Id, d.LineNumber, d.Year, d.Status, d.Sides, d.Markers.Select(m => m.Number).ToList(),
            d.Findings.Select(InspectionFindingResponse.From).ToList(),
            d.Signatures.Select(s => new InspectionSignatureResponse(s.Side, s.Signatory, s.SignedOn, s.Note,
                s.RecordedBy)).ToList(),
            d.Repairs.Select(r => new MarkerRepairResponse(r.MarkerNumber, r.Finding, r.Status, r.CompletedOn, r.Note))
                .ToList(),
            d.OpenedOn, d.CompletedOn, d.Reason);
}
