namespace Registry.Abstractions.Organizations;

/// <summary>
/// People at year end: full-time and part-time staff, volunteers; for a social association its individual and
/// institutional members (null for other kinds); branches (分支机构) and representative offices (代表机构).
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.ReportWorkforce")]
public sealed record ReportWorkforce(
    [property: Id(0)] int FullTimeStaff,
    [property: Id(1)] int PartTimeStaff,
    [property: Id(2)] int Volunteers,
    [property: Id(3)] int? IndividualMembers,
    [property: Id(4)] int? InstitutionalMembers,
    [property: Id(5)] int Branches,
    [property: Id(6)] int RepresentativeOffices);
