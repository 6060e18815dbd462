namespace Registry.Abstractions.Organizations;

/// <summary>
/// An organization's registration record with its report years (no financial detail), every list entry, the
/// revocation flag, grade evaluations (newest last) and administrative penalties (oldest first). <see cref="RegisteredOn"/> is the date the record was made
/// in this registry; <see cref="FoundedOn"/> the founding date. Amounts in yuan.
/// Immutable (records all the way down, its lists made for the call and never changed after): Orleans passes it
/// between grains of one process without copying it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Organizations.OrganizationDetails")]
public sealed record OrganizationDetails(
    [property: Id(0)] string Uscc,
    [property: Id(1)] string Name,
    [property: Id(2)] OrganizationKind Kind,
    [property: Id(3)] string RegisteringOffice,
    [property: Id(4)] string? SupervisingUnit,
    [property: Id(5)] string LegalRepresentative,
    [property: Id(6)] string Address,
    [property: Id(7)] string BusinessScope,
    [property: Id(8)] decimal RegisteredCapital,
    [property: Id(9)] DateOnly FoundedOn,
    [property: Id(10)] DateOnly RegisteredOn,
    [property: Id(11)] OrganizationStatus Status,
    [property: Id(12)] DateOnly? DeregisteredOn,
    [property: Id(13)] bool LegacyCode,
    [property: Id(14)] IReadOnlyList<AnnualReportSummary> AnnualReports,
    [property: Id(15)] IReadOnlyList<ListEntry> ListEntries,
    [property: Id(16)] RevocationFlag? RevocationFlag,
    [property: Id(17)] IReadOnlyList<GradeEvaluation> Grades,
    [property: Id(18)] IReadOnlyList<Penalty> Penalties,
    [property: Id(19)] DateOnly? RevokedOn);
