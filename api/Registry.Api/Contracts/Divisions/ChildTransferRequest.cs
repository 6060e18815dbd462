namespace Registry.Api.Contracts.Divisions;

/// <summary>In a split: the child <c>code</c> moves to the successor <c>to</c>.</summary>
public sealed record ChildTransferRequest(string? Code, string? To);
