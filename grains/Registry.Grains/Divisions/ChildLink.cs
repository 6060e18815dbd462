namespace Registry.Grains.Divisions;

/// <summary>A child division under this one from <see cref="From"/> (null: since before the records) until the day
/// before <see cref="Until"/> (null: still).</summary>
public sealed record ChildLink(string Code, DateOnly? From, DateOnly? Until);
