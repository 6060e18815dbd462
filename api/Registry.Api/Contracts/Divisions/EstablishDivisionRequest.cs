using Registry.Abstractions.Divisions;

namespace Registry.Api.Contracts.Divisions;

/// <summary>Establish a division: its code (6 digits, or 9 for a township), name, level and parent (none for a
/// province), from <c>effectiveDate</c> on; <c>reason</c> cites the approval.</summary>
public sealed record EstablishDivisionRequest(string? Code, string? Name, DivisionLevel? Level, string? Parent,
    DateOnly? EffectiveDate, string? Reason);
