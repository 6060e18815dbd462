namespace Registry.Api.Contracts.Marriages;

/// <summary>The declarations both parties sign: no spouse, and no prohibited kinship between them.</summary>
public sealed record MarriageDeclarationsRequest(bool? NoSpouse, bool? NoProhibitedKinship);
