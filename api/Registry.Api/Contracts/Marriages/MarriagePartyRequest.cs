using Registry.Api.Text;

namespace Registry.Api.Contracts.Marriages;

/// <summary>A party: resident ID number (18 characters), name and nationality as on their documents.</summary>
public sealed record MarriagePartyRequest(
    string? IdNumber,
    [TextPolicy(TextKind.PersonName)] string? Name,
    string? Nationality);
