namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// People at year end: staff, volunteers, members (social associations only), branches and representative offices.
/// </summary>
public sealed record ReportWorkforceRequest(
    int? FullTimeStaff,
    int? PartTimeStaff,
    int? Volunteers,
    int? IndividualMembers,
    int? InstitutionalMembers,
    int? Branches,
    int? RepresentativeOffices);
