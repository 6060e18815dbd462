namespace Registry.Grains.Divisions;

/// <summary>A value in force from <see cref="From"/> (null: since before the records) until the next entry.</summary>
public sealed record DatedValue(string Value, DateOnly? From);
