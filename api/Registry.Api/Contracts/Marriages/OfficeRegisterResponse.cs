namespace Registry.Api.Contracts.Marriages;

/// <summary>An office's register for a day: its entries in the order kind, certificate number.</summary>
public sealed record OfficeRegisterResponse(string Office, DateOnly Date, IReadOnlyList<OfficeRegisterEntryResponse> Entries);
