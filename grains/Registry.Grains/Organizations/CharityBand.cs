namespace Registry.Grains.Organizations;

/// <summary>
/// One size band of foundations without public-fundraising status (2016 rules art. 8): from
/// <see cref="NetAssetsFrom"/> yuan of previous year-end net assets (inclusive), charitable spending at least
/// <see cref="MinimumSpending"/> of those net assets and administrative costs at most
/// <see cref="MaximumAdministration"/> of the year's total expenses (fractions).
/// </summary>
public sealed class CharityBand
{
    public decimal NetAssetsFrom { get; set; }

    public decimal MinimumSpending { get; set; }

    public decimal MaximumAdministration { get; set; }
}
