namespace Registry.Abstractions.Organizations;

/// <summary>
/// A foundation's charitable spending and administrative-cost ratios against the thresholds of Charity Law art. 60
/// and the 2016 rules (configuration) for its type (public fundraising or not) and size (previous year-end net
/// assets). Ratios are fractions (0.7 = 70 %); a ratio with no base (nothing to divide by) is null and not flagged.
/// The flags say which bound is broken; an out-of-bounds report is stored and flagged, not refused.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.CharityRatios")]
public sealed record CharityRatios(
    [property: Id(0)] bool PublicFundraising,
    [property: Id(1)] decimal? SpendingRatio,
    [property: Id(2)] decimal MinimumSpendingRatio,
    [property: Id(3)] string SpendingBase,
    [property: Id(4)] decimal? AdministrativeCostRatio,
    [property: Id(5)] decimal MaximumAdministrativeCostRatio,
    [property: Id(6)] bool SpendingBelowMinimum,
    [property: Id(7)] bool AdministrativeCostAboveMaximum);
