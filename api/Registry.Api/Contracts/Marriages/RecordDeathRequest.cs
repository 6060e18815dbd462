using Registry.Abstractions.Marriages;

namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// A party's death: the <c>party</c>'s ID number, the day of death (<c>diedOn</c>), the <c>proof</c>
/// (<c>death-certificate</c> or <c>household-deregistration</c>) with its number (<c>proofReference</c>) and issuer
/// (<c>issuedBy</c>).
/// </summary>
public sealed record RecordDeathRequest(
    string? Party,
    DateOnly? DiedOn,
    DeathProof? Proof,
    string? ProofReference,
    string? IssuedBy);
