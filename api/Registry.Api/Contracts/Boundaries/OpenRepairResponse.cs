using Registry.Abstractions.Boundaries;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>A marker repair not done yet, with the inspection that found it and since when.</summary>
public sealed record OpenRepairResponse(string Inspection, string Line, string Marker, FindingKind Finding, DateOnly Since)
{
    public static OpenRepairResponse From(OpenRepair r) =>
        new(r.InspectionId, r.LineNumber, r.MarkerNumber, r.Finding, r.Since);
}
