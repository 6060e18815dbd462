namespace Registry.Api.Contracts.Places;

/// <summary>One block of a street's house numbers (page n holds base numbers (n-1)*100 .. n*100-1) and how many
/// pages the street has.</summary>
public sealed record HouseNumberPageResponse(int Page, int Pages, IReadOnlyList<HouseNumberResponse> Items);
