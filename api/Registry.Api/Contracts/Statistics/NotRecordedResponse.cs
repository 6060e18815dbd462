namespace Registry.Api.Contracts.Statistics;

/// <summary>A figure answered as null because the registry does not hold the records to count it, and why.</summary>
public sealed record NotRecordedResponse(string Key, string Label, string Reason);
