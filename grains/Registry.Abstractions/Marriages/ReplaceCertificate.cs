namespace Registry.Abstractions.Marriages;

/// <summary>Issue a replacement (补领) of the current certificate of the party with <see cref="HolderIdNumber"/> at
/// <see cref="Office"/> (any office): BJ for a marriage certificate, BL for a divorce certificate.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Marriages.ReplaceCertificate")]
public sealed record ReplaceCertificate(
    [property: Id(0)] string HolderIdNumber,
    [property: Id(1)] string Office);
