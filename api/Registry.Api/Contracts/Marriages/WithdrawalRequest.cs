namespace Registry.Api.Contracts.Marriages;

/// <summary>One party (their resident ID number) withdraws the application during cooling-off.</summary>
public sealed record WithdrawalRequest(string? Party, string? Reason);
