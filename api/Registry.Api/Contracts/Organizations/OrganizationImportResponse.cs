namespace Registry.Api.Contracts.Organizations;

/// <summary>
/// What an import did: rows read (the header not counted), rows stored now, rows an earlier run had stored, rows
/// refused by rule, and the refused rows themselves (the first <see cref="Registry.Api.Organizations.OrganizationImporter.MaxListedRejections"/>;
/// <see cref="RejectionsListed"/> says whether all are listed).
/// </summary>
public sealed record OrganizationImportResponse(
    long Rows,
    long Imported,
    long AlreadyStored,
    long Rejected,
    IReadOnlyDictionary<string, long> RejectedByRule,
    IReadOnlyList<OrganizationImportRejectionResponse> Rejections,
    bool RejectionsListed);
