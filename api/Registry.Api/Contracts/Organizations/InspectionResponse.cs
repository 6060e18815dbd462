using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>The inspection of a report year: outcome, reasons and the date decided.</summary>
public sealed record InspectionResponse(int Year, InspectionOutcome Outcome, string? Reasons, DateOnly DecidedOn)
{
    public static InspectionResponse From(InspectionResult result) =>
        new(result.Year, result.Outcome, result.Reasons, result.DecidedOn);
}
