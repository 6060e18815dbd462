using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>The inspection outcome of a filed report; <c>reasons</c> required unless it passed.</summary>
public sealed record InspectionRequest(InspectionOutcome? Outcome, string? Reasons);
