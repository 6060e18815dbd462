namespace Registry.Abstractions.Marriages;

/// <summary>Register the divorce of an application at <see cref="Office"/>, which must be the office that received
/// it; both parties appear in person, each recorded in <see cref="Parties"/>.</summary>
[GenerateSerializer, Alias("Registry.Marriages.RegisterDivorce")]
public sealed record RegisterDivorce(
    [property: Id(0)] string Office,
    [property: Id(2)] IReadOnlyList<DivorceAppearance> Parties);
