using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Persons;

/// <summary>
/// A marriage-record extract (婚姻登记记录证明): its number, the person (<c>idNumber</c>, the key of their record's
/// document, and their other <c>documents</c>), their status on the day of issue, every marriage record naming them
/// oldest first (registered or entered from the archive, each with its status), and <c>statement</c>, what the
/// extract certifies in words (that the registry holds no record, or how many). Issued at <c>office</c> by
/// <c>issuedBy</c>.
/// </summary>
public sealed record MarriageRecordExtractResponse(
    string Number,
    string IdNumber,
    IReadOnlyList<string> Documents,
    MaritalStatus Status,
    IReadOnlyList<MarriageRecordResponse> Records,
    string Statement,
    string Office,
    DateOnly IssuedOn,
    DateTimeOffset IssuedAt,
    string IssuedBy)
{
    public static MarriageRecordExtractResponse From(MarriageRecordExtract e) =>
        new(e.Number, e.IdNumber, e.Documents, e.Status, e.Records.Select(MarriageRecordResponse.From).ToList(),
            e.Records.Count == 0
                ? $"The marriage registry holds no marriage record of this person as of {e.IssuedOn:yyyy-MM-dd}."
                : $"The marriage registry holds {e.Records.Count} marriage record(s) of this person as of " +
                  $"{e.IssuedOn:yyyy-MM-dd}, listed in the order they were registered.",
            e.Office, e.IssuedOn, e.IssuedAt, e.IssuedBy);
}
