using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Persons;

/// <summary>
/// A person's marital status (<c>single</c>, <c>married</c>, <c>divorced</c>, <c>widowed</c>, <c>declared-dead</c>)
/// with every marriage record naming them, oldest first; <c>currentMarriageId</c> when married.
/// </summary>
public sealed record MaritalStatusResponse(
    string IdNumber,
    Sex Sex,
    DateOnly BirthDate,
    MaritalStatus Status,
    string? CurrentMarriageId,
    bool RegistrationInProgress,
    IReadOnlyList<MarriageRecordResponse> Records)
{
    public static MaritalStatusResponse From(MaritalStatusDetails d) =>
        new(d.IdNumber, d.Sex, d.BirthDate, d.Status, d.CurrentMarriageId, d.RegistrationInProgress,
            d.Records.Select(MarriageRecordResponse.From).ToList());
}
