namespace Registry.Abstractions.Boundaries;

/// <summary>A feature the import did not store: its position in the collection (0-based), its id or code if it had
/// one, the rule it broke and why.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Boundaries.ImportRejection")]
public sealed record ImportRejection(
    [property: Id(0)] int Index,
    [property: Id(1)] string? Feature,
    [property: Id(2)] string Rule,
    [property: Id(3)] string Message);
