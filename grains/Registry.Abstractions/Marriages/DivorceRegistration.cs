namespace Registry.Abstractions.Marriages;

/// <summary>A registered divorce: the L certificate number issued to both parties.</summary>
[GenerateSerializer, Alias("Registry.Marriages.DivorceRegistration")]
public sealed record DivorceRegistration(
    [property: Id(0)] string ApplicationId,
    [property: Id(1)] string MarriageId,
    [property: Id(2)] string CertificateNumber,
    [property: Id(3)] DateOnly RegisteredOn);
