namespace Registry.Abstractions.Organizations;

/// <summary>A row the import refused: its line in the file (the header is line 1), its code as given (null when
/// unreadable), the rule it breaks (kebab-case, as problem responses name it), the field to blame if one is, and why.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Organizations.OrganizationImportRejection")]
public sealed record OrganizationImportRejection(
    [property: Id(0)] long Line,
    [property: Id(1)] string? Uscc,
    [property: Id(2)] string Rule,
    [property: Id(3)] string? Field,
    [property: Id(4)] string Message);
