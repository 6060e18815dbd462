namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// A decision listing the organization as seriously dishonest: <c>ground</c> from the Credit Information Measures
/// 2018 (<c>change-registration-revoked-for-fraud</c>, <c>suspension-of-activities</c>, <c>fine-of-50000-or-more</c>,
/// <c>repeated-warnings-or-fines</c>, <c>dishonest-judgment-debtor</c>, <c>other-by-law</c>), the decision's number,
/// date and authority, and the reason.
/// </summary>
public sealed record DishonestListingRequest(
    string? Ground,
    string? DecisionNumber,
    DateOnly? DecidedOn,
    string? Authority,
    string? Reason);
