namespace Registry.Api.Contracts.Places;

/// <summary>One character and its toneless readings.</summary>
public sealed record CharacterReadingsResponse(string Character, IReadOnlyList<string> Readings);
