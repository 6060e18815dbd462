namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// Year-end balance sheet in yuan (assets = liabilities + net assets; net assets = restricted + unrestricted);
/// <c>netAssetsAtStartOfYear</c> is the previous year-end figure.
/// </summary>
public sealed record BalanceSheetRequest(
    decimal? TotalAssets,
    decimal? TotalLiabilities,
    decimal? RestrictedNetAssets,
    decimal? UnrestrictedNetAssets,
    decimal? TotalNetAssets,
    decimal? NetAssetsAtStartOfYear);
