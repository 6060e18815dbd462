using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;

namespace Registry.Grains.Organizations;

/// <summary>
/// The annual work report's own rules: the accounting identities of its financial statements (each refusal names the
/// identity broken, with both sides), lines not negative, sections by kind (members only for social associations; a
/// previous year's income for a foundation with public-fundraising status), and a foundation's charitable spending
/// and administrative-cost ratios against <see cref="CharityThresholdOptions"/>. Pure.
/// </summary>
public static class AnnualReportRules
{
    /// <summary>Amounts are yuan with at most fen; identities hold to the fen.</summary>
    private const decimal Tolerance = 0.005m;

    private const int MaxProjects = 200;

    public static void CheckFullReport(OrganizationKind kind, AnnualReportContent content)
    {
        if (content.BalanceSheet is not { } balance || content.IncomeBySource is not { } income
            || content.Expenses is not { } expenses || content.Governance is not { } governance
            || content.Workforce is not { } workforce)
        {
            throw DomainException.Invalid("field-required", "financialStatements",
                "A report states its governance, financial statements (balance sheet, income by source, expenses by " +
                "purpose) and workforce.");
        }

        OrganizationRules.CheckOptionalText("basicInformationChanges", content.BasicInformationChanges,
            OrganizationRules.MaxLongTextLength);
        OrganizationRules.CheckOptionalText("governance.responsiblePersonChanges", governance.ResponsiblePersonChanges,
            OrganizationRules.MaxLongTextLength);
        OrganizationRules.CheckOptionalText("auditReport", content.AuditReport, OrganizationRules.MaxParticularLength);
        Count("governance.councilMeetings", governance.CouncilMeetings);
        Count("governance.generalMeetings", governance.GeneralMeetings);

        Line("balanceSheet.totalAssets", balance.TotalAssets);
        Line("balanceSheet.totalLiabilities", balance.TotalLiabilities);
        Identity("net-assets-total", "balanceSheet.totalNetAssets", balance.TotalNetAssets,
            balance.RestrictedNetAssets + balance.UnrestrictedNetAssets,
            "total net assets = restricted + unrestricted net assets");
        Identity("balance-sheet-identity", "balanceSheet.totalAssets", balance.TotalAssets,
            balance.TotalLiabilities + balance.TotalNetAssets, "total assets = total liabilities + total net assets");

        Line("incomeBySource.donations", income.Donations);
        Line("incomeBySource.governmentGrants", income.GovernmentGrants);
        Line("incomeBySource.services", income.Services);
        Line("incomeBySource.membershipFees", income.MembershipFees);
        Line("incomeBySource.investment", income.Investment);
        Line("incomeBySource.other", income.Other);
        Identity("income-total", "incomeBySource.total", income.Total,
            income.Donations + income.GovernmentGrants + income.Services + income.MembershipFees + income.Investment
            + income.Other, "total income = the sum of income by source");

        Line("expenses.programme", expenses.Programme);
        Line("expenses.administration", expenses.Administration);
        Line("expenses.fundraising", expenses.Fundraising);
        Line("expenses.other", expenses.Other);
        Identity("expenses-total", "expenses.total", expenses.Total,
            expenses.Programme + expenses.Administration + expenses.Fundraising + expenses.Other,
            "total expenses = the sum of expenses by purpose");

        Count("workforce.fullTimeStaff", workforce.FullTimeStaff);
        Count("workforce.partTimeStaff", workforce.PartTimeStaff);
        Count("workforce.volunteers", workforce.Volunteers);
        Count("workforce.branches", workforce.Branches);
        Count("workforce.representativeOffices", workforce.RepresentativeOffices);
        var members = workforce.IndividualMembers is not null || workforce.InstitutionalMembers is not null;
        if (kind == OrganizationKind.SocialAssociation && !members)
        {
            throw DomainException.Invalid("field-required", "workforce.individualMembers",
                $"A {Terms.Kind(kind)} reports its individual and institutional members.");
        }

        if (kind != OrganizationKind.SocialAssociation && members)
        {
            throw DomainException.Invalid("members-only-for-associations", "workforce.individualMembers",
                $"Only a {Terms.Kind(OrganizationKind.SocialAssociation)} has members; this is a {Terms.Kind(kind)}.");
        }

        Count("workforce.individualMembers", workforce.IndividualMembers ?? 0);
        Count("workforce.institutionalMembers", workforce.InstitutionalMembers ?? 0);

        var projects = content.Projects ?? [];
        if (projects.Count > MaxProjects)
        {
            throw DomainException.Invalid("too-many-projects", "projects", $"A report lists at most {MaxProjects} projects.");
        }

        for (var i = 0; i < projects.Count; i++)
        {
            OrganizationRules.CheckText($"projects[{i}].name", projects[i]?.Name, OrganizationRules.MaxParticularLength);
            Line($"projects[{i}].spending", projects[i].Spending);
        }

        if (kind != OrganizationKind.Foundation && (content.PublicFundraising || content.PreviousYearIncome is not null))
        {
            throw DomainException.Invalid("charity-figures-only-for-foundations", "publicFundraising",
                $"Public-fundraising status and the previous year's income are reported by a {Terms.Kind(OrganizationKind.Foundation)}.");
        }

        if (kind == OrganizationKind.Foundation && content.PublicFundraising && content.PreviousYearIncome is null)
        {
            throw DomainException.Invalid("field-required", "previousYearIncome",
                "A foundation with public-fundraising status states its previous year's total income: its spending ratio's base.");
        }

        if (content.PreviousYearIncome is { } previous)
        {
            Line("previousYearIncome", previous);
        }
    }

    /// <summary>A foundation's ratios against the thresholds; null for other kinds or a report without statements.</summary>
    public static CharityRatios? Ratios(OrganizationKind kind, AnnualReportContent content, CharityThresholdOptions thresholds)
    {
        if (kind != OrganizationKind.Foundation || content.Expenses is not { } expenses || content.BalanceSheet is not { } balance)
        {
            return null;
        }

        decimal minimum, maximum, spendingBase;
        string baseName;
        if (content.PublicFundraising)
        {
            (minimum, maximum) = (thresholds.PublicFundraisingMinimumSpending, thresholds.PublicFundraisingMaximumAdministration);
            (spendingBase, baseName) = (content.PreviousYearIncome ?? 0, "previous-year-income");
        }
        else
        {
            var band = thresholds.Bands.First(b => balance.NetAssetsAtStartOfYear >= b.NetAssetsFrom);
            (minimum, maximum) = (band.MinimumSpending, band.MaximumAdministration);
            (spendingBase, baseName) = (balance.NetAssetsAtStartOfYear, "previous-year-end-net-assets");
        }

        decimal? spending = spendingBase > 0 ? Math.Round(expenses.Programme / spendingBase, 4) : null;
        decimal? administration = expenses.Total > 0 ? Math.Round(expenses.Administration / expenses.Total, 4) : null;
        var administrationHeld = expenses.Administration >= thresholds.AdministrationExemptBelow;
        return new CharityRatios(content.PublicFundraising, spending, minimum, baseName, administration, maximum,
            spending is { } s && s < minimum,
            administrationHeld && administration is { } a && a > maximum);
    }

    private static void Identity(string rule, string field, decimal stated, decimal computed, string identity)
    {
        if (Math.Abs(stated - computed) > Tolerance)
        {
            throw DomainException.Violation(rule,
                $"The accounting identity {identity} does not hold: {field} is {stated:0.##}, the other side is {computed:0.##}.");
        }
    }

    private static void Line(string field, decimal value)
    {
        if (value < 0)
        {
            throw DomainException.Invalid("value-out-of-range", field, $"'{field}' is an amount in yuan, not negative.");
        }
    }

    private static void Count(string field, int value)
    {
        if (value < 0)
        {
            throw DomainException.Invalid("value-out-of-range", field, $"'{field}' is a count, not negative.");
        }
    }
}
