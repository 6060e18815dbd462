namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// The year's expenses by purpose in yuan (<c>programme</c> is charitable activity spending); <c>total</c> must equal
/// the sum of the lines.
/// </summary>
public sealed record ExpensesRequest(decimal? Programme, decimal? Administration, decimal? Fundraising, decimal? Other, decimal? Total);
