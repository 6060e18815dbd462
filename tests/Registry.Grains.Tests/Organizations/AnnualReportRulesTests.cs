using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;
using static Registry.Grains.Tests.Organizations.CycleTestData;

namespace Registry.Grains.Tests.Organizations;

public sealed class AnnualReportRulesTests
{
    private static readonly CharityThresholdOptions Thresholds = new();

    private static string Broken(AnnualReportContent content, OrganizationKind kind = OrganizationKind.SocialAssociation) =>
        Assert.Throws<DomainException>(() => AnnualReportRules.CheckFullReport(kind, content)).Rule;

    [Fact]
    public void CheckFullReport_ConsistentStatements_Pass()
    {
        AnnualReportRules.CheckFullReport(OrganizationKind.SocialAssociation, Content());
        AnnualReportRules.CheckFullReport(OrganizationKind.Foundation, Content(kind: OrganizationKind.Foundation));
    }

    [Fact]
    public void CheckFullReport_EachBrokenIdentity_IsNamed()
    {
        var c = Content();

        Assert.Equal("balance-sheet-identity", Broken(c with { BalanceSheet = c.BalanceSheet! with { TotalAssets = 5_000_000m } }));
        Assert.Equal("net-assets-total", Broken(c with { BalanceSheet = c.BalanceSheet! with { RestrictedNetAssets = 1m } }));
        Assert.Equal("income-total", Broken(c with { IncomeBySource = c.IncomeBySource! with { Total = 5_000_000m } }));
        Assert.Equal("expenses-total", Broken(c with { Expenses = c.Expenses! with { Total = 100m } }));
        Assert.Equal("value-out-of-range", Broken(c with { Expenses = c.Expenses! with { Other = -1m, Total = 95_499.5m } }));
    }

    [Fact]
    public void CheckFullReport_NegativeNetAssets_BalancingTheSheet_AreAccepted()
    {
        var c = Content();

        AnnualReportRules.CheckFullReport(OrganizationKind.SocialAssociation, c with
        {
            BalanceSheet = new BalanceSheet(100_000m, 105_000m, 0, -5_000m, -5_000m, 0),
        });
    }

    [Fact]
    public void CheckFullReport_MembersBelongToAssociations_CharityFiguresToFoundations()
    {
        var c = Content();

        Assert.Equal("field-required", Broken(c with { Workforce = c.Workforce! with { IndividualMembers = null, InstitutionalMembers = null } }));
        Assert.Equal("members-only-for-associations", Broken(c, OrganizationKind.Foundation));
        Assert.Equal("charity-figures-only-for-foundations", Broken(c with { PublicFundraising = true, PreviousYearIncome = 1m }));
        Assert.Equal("field-required", Broken(Content(kind: OrganizationKind.Foundation) with { PublicFundraising = true },
            OrganizationKind.Foundation));
        Assert.Equal("field-required", Broken(c with { Governance = null }));
    }

    [Fact]
    public void Ratios_PublicFundraisingFoundation_AgainstSeventyAndTenPercent()
    {
        var content = Content(kind: OrganizationKind.Foundation) with
        {
            PublicFundraising = true,
            PreviousYearIncome = 5_000_000m,
            Expenses = new ExpensesByPurpose(3_000_000m, 400_000m, 100_000m, 0, 3_500_000m),
        };

        var ratios = AnnualReportRules.Ratios(OrganizationKind.Foundation, content, Thresholds)!;

        Assert.Equal((0.6m, 0.70m, "previous-year-income", true), (ratios.SpendingRatio, ratios.MinimumSpendingRatio, ratios.SpendingBase, ratios.SpendingBelowMinimum));
        Assert.Equal((0.1143m, 0.10m, true), (ratios.AdministrativeCostRatio, ratios.MaximumAdministrativeCostRatio, ratios.AdministrativeCostAboveMaximum));
    }

    [Theory]
    [InlineData(70_000_000, 0.06, 0.12)]
    [InlineData(60_000_000, 0.06, 0.12)]
    [InlineData(8_000_000, 0.06, 0.13)]
    [InlineData(5_000_000, 0.07, 0.15)]
    [InlineData(1_000_000, 0.08, 0.20)]
    public void Ratios_FoundationWithoutPublicFundraising_BandByPreviousYearEndNetAssets(decimal netAssets, decimal minimum, decimal maximum)
    {
        var content = Content(kind: OrganizationKind.Foundation) with
        {
            BalanceSheet = new BalanceSheet(netAssets, 0, 0, netAssets, netAssets, netAssets),
        };

        var ratios = AnnualReportRules.Ratios(OrganizationKind.Foundation, content, Thresholds)!;

        Assert.Equal((minimum, maximum, "previous-year-end-net-assets"), (ratios.MinimumSpendingRatio, ratios.MaximumAdministrativeCostRatio, ratios.SpendingBase));
    }

    [Fact]
    public void Ratios_SmallAdministrativeCosts_AreNotHeldToTheRatio_OtherKindsHaveNone()
    {
        var content = Content(kind: OrganizationKind.Foundation) with
        {
            Expenses = new ExpensesByPurpose(10_000m, 150_000m, 0, 0, 160_000m),
        };

        var ratios = AnnualReportRules.Ratios(OrganizationKind.Foundation, content, Thresholds)!;

        Assert.False(ratios.AdministrativeCostAboveMaximum);
        Assert.True(ratios.SpendingBelowMinimum);
        Assert.Null(AnnualReportRules.Ratios(OrganizationKind.SocialAssociation, Content(), Thresholds));
    }

    [Fact]
    public void Ratios_ThresholdsComeFromConfiguration()
    {
        var configured = new CharityThresholdOptions
        {
            NetAssetBands = [new CharityBand { NetAssetsFrom = 0, MinimumSpending = 0.5m, MaximumAdministration = 0.01m }],
        };

        var ratios = AnnualReportRules.Ratios(OrganizationKind.Foundation, Content(kind: OrganizationKind.Foundation), configured)!;

        Assert.Equal((0.5m, 0.01m), (ratios.MinimumSpendingRatio, ratios.MaximumAdministrativeCostRatio));
    }
}
