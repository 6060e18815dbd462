namespace Registry.Api.Contracts.Places;

/// <summary>How many entries the rebuilt index holds.</summary>
public sealed record IndexRebuildResponse(int Entries);
