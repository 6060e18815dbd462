namespace Registry.Api.Contracts.Places;

/// <summary>A page of a place's signs by serial, and how many serials it has given out.</summary>
public sealed record PlaceSignPageResponse(int Page, int Limit, int Total, IReadOnlyList<PlaceSignResponse> Items);
