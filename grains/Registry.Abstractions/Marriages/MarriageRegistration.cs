namespace Registry.Abstractions.Marriages;

/// <summary>The outcome of a committed marriage registration.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Marriages.MarriageRegistration")]
public sealed record MarriageRegistration(
    [property: Id(0)] string MarriageId,
    [property: Id(1)] string CertificateNumber,
    [property: Id(2)] string Office,
    [property: Id(3)] DateOnly RegisteredOn);
