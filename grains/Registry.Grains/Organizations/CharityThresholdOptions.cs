namespace Registry.Grains.Organizations;

/// <summary>
/// <c>Registry:Organizations:Charity</c>: thresholds of Charity Law art. 60 and the 2016 rules on charitable
/// organizations' annual spending and administrative costs (MCA, MOF, SAT), as fractions. Defaults are the rules'
/// figures for foundations: with public-fundraising status, spending at least 70 % of the previous year's total
/// income and administrative costs at most 10 % of the year's expenses (art. 6 / Charity Law art. 60); without it,
/// by previous year-end net assets (art. 8): 60 million and more 6 % / 12 %, 8-60 million 6 % / 13 %, 4-8 million
/// 7 % / 15 %, under 4 million 8 % / 20 %. Administrative costs under 200,000 yuan are not held to a ratio (art. 11).
/// </summary>
public sealed class CharityThresholdOptions
{
    public decimal PublicFundraisingMinimumSpending { get; set; } = 0.70m;

    public decimal PublicFundraisingMaximumAdministration { get; set; } = 0.10m;

    /// <summary>Bands by previous year-end net assets; null or empty means the 2016 rules' bands.</summary>
    public List<CharityBand>? NetAssetBands { get; set; }

    public decimal AdministrationExemptBelow { get; set; } = 200_000m;

    /// <summary>The bands in force, largest first.</summary>
    public IReadOnlyList<CharityBand> Bands =>
        (NetAssetBands is { Count: > 0 } configured ? configured : DefaultBands)
        .OrderByDescending(b => b.NetAssetsFrom)
        .ToList();

    private static List<CharityBand> DefaultBands =>
    [
        new() { NetAssetsFrom = 60_000_000m, MinimumSpending = 0.06m, MaximumAdministration = 0.12m },
        new() { NetAssetsFrom = 8_000_000m, MinimumSpending = 0.06m, MaximumAdministration = 0.13m },
        new() { NetAssetsFrom = 4_000_000m, MinimumSpending = 0.07m, MaximumAdministration = 0.15m },
        new() { NetAssetsFrom = decimal.MinValue, MinimumSpending = 0.08m, MaximumAdministration = 0.20m },
    ];

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first unusable setting.</summary>
    public void Validate()
    {
        static void Fraction(decimal value, string name)
        {
            if (value is < 0 or > 1)
            {
                throw new InvalidOperationException($"Registry:Organizations:Charity:{name} is a fraction from 0 to 1.");
            }
        }

        Fraction(PublicFundraisingMinimumSpending, nameof(PublicFundraisingMinimumSpending));
        Fraction(PublicFundraisingMaximumAdministration, nameof(PublicFundraisingMaximumAdministration));
        foreach (var band in Bands)
        {
            Fraction(band.MinimumSpending, "NetAssetBands:MinimumSpending");
            Fraction(band.MaximumAdministration, "NetAssetBands:MaximumAdministration");
        }

        if (AdministrationExemptBelow < 0)
        {
            throw new InvalidOperationException("Registry:Organizations:Charity:AdministrationExemptBelow is not negative.");
        }
    }
}
