namespace Registry.Api.Contracts.Organizations;

/// <summary>The year's income by source in yuan; <c>total</c> must equal the sum of the lines.</summary>
public sealed record IncomeBySourceRequest(
    decimal? Donations,
    decimal? GovernmentGrants,
    decimal? Services,
    decimal? MembershipFees,
    decimal? Investment,
    decimal? Other,
    decimal? Total);
