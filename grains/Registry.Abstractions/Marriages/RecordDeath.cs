namespace Registry.Abstractions.Marriages;

/// <summary>
/// The death of the party <see cref="PartyIdNumber"/> on <see cref="DiedOn"/>, proved by <see cref="Proof"/> with
/// its number (<see cref="ProofReference"/>) and issuer (<see cref="IssuedBy"/>). The marriage ends on that day and
/// the survivor is widowed.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Marriages.RecordDeath")]
public sealed record RecordDeath(
    [property: Id(0)] string PartyIdNumber,
    [property: Id(1)] DateOnly DiedOn,
    [property: Id(2)] DeathProof Proof,
    [property: Id(3)] string ProofReference,
    [property: Id(4)] string IssuedBy);
