namespace Registry.Abstractions.Organizations;

/// <summary>
/// One organization of the existing register, entered as the register holds it (a row of the import file).
/// <see cref="RegisteringOffice"/> is the 6-digit division code of the office that registered it, as that code was on
/// <see cref="RegisteredOn"/>; <see cref="Grade"/> 1-5 stands for a 1A-5A grade in force, null for none.
/// <see cref="Source"/> says where the row came from (file and line) and is kept as the event's reason.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.ImportOrganization")]
public sealed record ImportOrganization(
    [property: Id(0)] string Uscc,
    [property: Id(1)] string Name,
    [property: Id(2)] OrganizationKind Kind,
    [property: Id(3)] string RegisteringOffice,
    [property: Id(4)] DateOnly RegisteredOn,
    [property: Id(5)] string LegalRepresentative,
    [property: Id(6)] OrganizationStatus Status,
    [property: Id(7)] int? Grade,
    [property: Id(8)] string Source)
{
    /// <summary>The day the grade was evaluated, where the register gives it (its five years run from it); null: the
    /// register does not say, and the five years run from the import.</summary>
    [Id(9)]
    public DateOnly? GradeEvaluatedOn { get; init; }
}
