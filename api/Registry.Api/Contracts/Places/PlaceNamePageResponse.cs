namespace Registry.Api.Contracts.Places;

/// <summary>One page of results; <c>total</c> counts every match (for a nearest query: those ranked). External
/// names are credited in <c>attribution</c> when present.</summary>
public sealed record PlaceNamePageResponse(int Page, int Limit, int Total, IReadOnlyList<PlaceNameSummaryResponse> Items,
    string? Attribution);
