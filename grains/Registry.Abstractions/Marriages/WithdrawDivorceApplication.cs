namespace Registry.Abstractions.Marriages;

/// <summary>One party (by resident ID number) withdraws a divorce application during the cooling-off period.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Marriages.WithdrawDivorceApplication")]
public sealed record WithdrawDivorceApplication(
    [property: Id(0)] string PartyIdNumber,
    [property: Id(1)] string? Reason);
