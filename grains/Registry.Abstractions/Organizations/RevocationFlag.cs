namespace Registry.Abstractions.Organizations;

/// <summary>
/// The organization did not file or failed in two consecutive report years (<see cref="Years"/>): its registration
/// may be revoked. Set by the system on the date the second year became bad; the revocation itself is a registrar
/// decision outside this record.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.RevocationFlag")]
public sealed record RevocationFlag(
    [property: Id(0)] DateOnly FlaggedOn,
    [property: Id(1)] string Ground,
    [property: Id(2)] IReadOnlyList<int> Years);
