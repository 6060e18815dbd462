namespace Registry.Api.Contracts.Divisions;

/// <summary>Move the division (e.g. a township) under <c>to</c> from <c>effectiveDate</c> on.</summary>
public sealed record TransferDivisionRequest(string? To, DateOnly? EffectiveDate, string? Reason);
