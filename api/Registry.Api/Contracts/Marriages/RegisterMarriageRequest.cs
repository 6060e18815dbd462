namespace Registry.Api.Contracts.Marriages;

/// <summary>
/// Register a marriage at <c>office</c> (6-digit division code). Birth date and sex come from the ID numbers. A missing
/// or false declaration, or <c>bothPresent</c> not true, is refused with 422 naming the rule.
/// </summary>
public sealed record RegisterMarriageRequest(
    string? Office,
    MarriagePartyRequest? PartyA,
    MarriagePartyRequest? PartyB,
    MarriageDeclarationsRequest? Declarations,
    bool? BothPresent);
