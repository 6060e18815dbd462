namespace Registry.Abstractions.Marriages;

/// <summary>
/// Register a marriage at <see cref="Office"/> (a 6-digit division code; any office may register anyone). Both
/// parties declare under signature that they have no spouse and are not within the prohibited degrees of kinship,
/// and both must be present.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Marriages.RegisterMarriage")]
public sealed record RegisterMarriage(
    [property: Id(0)] string Office,
    [property: Id(1)] MarriageParty PartyA,
    [property: Id(2)] MarriageParty PartyB,
    [property: Id(3)] bool NoSpouseDeclared,
    [property: Id(4)] bool NoProhibitedKinshipDeclared,
    [property: Id(5)] bool BothPresent);
