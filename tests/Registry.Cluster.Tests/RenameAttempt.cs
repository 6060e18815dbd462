namespace Registry.Cluster.Tests;

/// <summary>One rename request: the n-th of its division, with the name, date and reason it asked for.</summary>
public sealed record RenameAttempt(string Code, int Number, string Name, DateOnly EffectiveDate, string Reason,
    TimeSpan StartedAt, TimeSpan EndedAt, Outcome Outcome, int Status, string Detail);
