namespace Registry.Abstractions.Places;

/// <summary>A row of an import that was refused, or recorded with a flag: its line in the file (CSV: the header is
/// line 1; GeoJSON: the feature's number from 1), the name as given (null when unreadable), the rule (kebab-case, as
/// problem responses name it: <c>place-name-duplicate</c> for a flag), the field to blame if one is, and why.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Places.PlaceNameImportRow")]
public sealed record PlaceNameImportRow(
    [property: Id(0)] long Line,
    [property: Id(1)] string? Name,
    [property: Id(2)] string Rule,
    [property: Id(3)] string? Field,
    [property: Id(4)] string Message);
