using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// Register a social organization. <c>registeringOffice</c> is a 6-digit division code, <c>registeredCapital</c> in
/// yuan, <c>foundedOn</c> YYYY-MM-DD. <c>legacyCodeOverride</c> records a legacy code that fails only its check
/// character (audited).
/// </summary>
public sealed record RegisterOrganizationRequest(
    string? Uscc,
    string? Name,
    OrganizationKind? Kind,
    string? RegisteringOffice,
    string? SupervisingUnit,
    string? LegalRepresentative,
    string? Address,
    string? BusinessScope,
    decimal? RegisteredCapital,
    DateOnly? FoundedOn,
    LegacyCodeOverrideRequest? LegacyCodeOverride);
