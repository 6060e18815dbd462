using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Persons;

/// <summary>
/// A person's marital status (<c>single</c>, <c>married</c>, <c>divorced</c>, <c>widowed</c>, <c>declared-dead</c>)
/// with every marriage record naming them, oldest first; <c>currentMarriageId</c> when married. <c>idNumber</c> is the
/// key of the person record's document; <c>documents</c> the keys of the other documents linked to the person; sex
/// and birth date are the document's or, where it carries none, the records' (null when there are none);
/// <c>beingLinkedTo</c> names the person record a link of this document to has not completed (ask the link again),
/// <c>beingUnlinkedFrom</c> the person record an undo of this document's link has not completed from (ask the undo
/// again; the status is still that record's).
/// </summary>
public sealed record MaritalStatusResponse(
    string IdNumber,
    Sex? Sex,
    DateOnly? BirthDate,
    MaritalStatus Status,
    string? CurrentMarriageId,
    bool RegistrationInProgress,
    IReadOnlyList<MarriageRecordResponse> Records,
    IReadOnlyList<string> Documents,
    string? BeingLinkedTo,
    string? BeingUnlinkedFrom)
{
    public static MaritalStatusResponse From(MaritalStatusDetails d) =>
        new(d.IdNumber, d.Sex, d.BirthDate, d.Status, d.CurrentMarriageId, d.RegistrationInProgress,
            d.Records.Select(MarriageRecordResponse.From).ToList(), d.Documents, d.BeingLinkedTo,
            d.BeingUnlinkedFrom);
}
