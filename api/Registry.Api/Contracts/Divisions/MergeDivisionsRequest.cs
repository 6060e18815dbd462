namespace Registry.Api.Contracts.Divisions;

/// <summary>Merge <c>sources</c> into <c>into</c>: an existing division (no <c>intoName</c>) or a new one named
/// <c>intoName</c> under <c>parent</c> (default: the first source's parent). Children move to it.</summary>
public sealed record MergeDivisionsRequest(IReadOnlyList<string>? Sources, string? Into, string? IntoName,
    string? Parent, DateOnly? EffectiveDate, string? Reason);
