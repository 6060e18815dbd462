namespace Registry.Abstractions.Marriages;

/// <summary>Register the divorce of an application at <see cref="Office"/>, which must be the office that received
/// it; both parties must appear in person.</summary>
[GenerateSerializer, Alias("Registry.Marriages.RegisterDivorce")]
public sealed record RegisterDivorce(
    [property: Id(0)] string Office,
    [property: Id(1)] bool BothPresent);
