namespace Registry.Abstractions.Organizations;

/// <summary>
/// A search over the index; every filter is optional and they combine with AND. <see cref="NameFragment"/> matches
/// anywhere in the name, ignoring case, width and white space. With <see cref="List"/> only organizations on that
/// list match, newest listing first; otherwise results are ordered by name, then code. <see cref="Skip"/> and
/// <see cref="Take"/> page the ordered results.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Organizations.OrganizationQuery")]
public sealed record OrganizationQuery(
    [property: Id(0)] string? NameFragment,
    [property: Id(1)] OrganizationKind? Kind,
    [property: Id(2)] string? RegisteringOffice,
    [property: Id(3)] OrganizationStatus? Status,
    [property: Id(4)] OrganizationList? List,
    [property: Id(5)] int Skip,
    [property: Id(6)] int Take,
    [property: Id(7)] string? Uscc = null,
    [property: Id(8)] string? LegalRepresentative = null);
