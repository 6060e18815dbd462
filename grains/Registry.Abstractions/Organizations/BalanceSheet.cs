namespace Registry.Abstractions.Organizations;

/// <summary>
/// Year-end balance sheet in yuan: assets = liabilities + net assets, and net assets = restricted + unrestricted.
/// <see cref="NetAssetsAtStartOfYear"/> is the previous year-end figure (the base of a foundation's spending ratio).
/// Net assets may be negative; assets and liabilities may not.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.BalanceSheet")]
public sealed record BalanceSheet(
    [property: Id(0)] decimal TotalAssets,
    [property: Id(1)] decimal TotalLiabilities,
    [property: Id(2)] decimal RestrictedNetAssets,
    [property: Id(3)] decimal UnrestrictedNetAssets,
    [property: Id(4)] decimal TotalNetAssets,
    [property: Id(5)] decimal NetAssetsAtStartOfYear);
