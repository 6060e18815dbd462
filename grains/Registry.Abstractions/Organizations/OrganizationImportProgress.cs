namespace Registry.Abstractions.Organizations;

/// <summary>
/// An import's counts so far (rows read, the header not counted; rows stored now; rows an earlier run had stored;
/// rows refused, by rule) and the rejections since the previous report.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Organizations.OrganizationImportProgress")]
public sealed record OrganizationImportProgress(
    [property: Id(0)] long Rows,
    [property: Id(1)] long Imported,
    [property: Id(2)] long AlreadyStored,
    [property: Id(3)] long Rejected,
    [property: Id(4)] IReadOnlyDictionary<string, long> RejectedByRule,
    [property: Id(5)] IReadOnlyList<OrganizationImportRejection> NewRejections);
