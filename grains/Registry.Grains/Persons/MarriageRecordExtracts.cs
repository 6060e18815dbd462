using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Grains.Persons;

/// <summary>
/// What a marriage-record extract (婚姻登记记录证明) states: for any person, whatever their status, every marriage
/// record naming them in registration order (archive records included, each marked), with the status derived from
/// them by <see cref="MaritalStatusRules"/>; an empty list states that the registry holds none. It replaces the
/// certificate of no marriage record, which could not be issued to divorced or widowed people. Pure.
/// </summary>
public static class MarriageRecordExtracts
{
    /// <summary>Refuses an extract while <paramref name="registrationInProgress"/>: a registration naming the person
    /// has not completed, so what the extract would state is not known (<c>registration-in-progress</c>, 409).
    /// </summary>
    public static void EnsureCanIssue(bool registrationInProgress)
    {
        if (registrationInProgress)
        {
            throw DomainException.Conflict("registration-in-progress",
                "A registration naming this person is in progress; an extract of their records can be issued " +
                "once it has completed.");
        }
    }

    /// <summary>The extract numbered <paramref name="number"/> of the person holding <paramref name="documentKeys"/>
    /// (their record's own key first), over their confirmed <paramref name="records"/> (oldest first).</summary>
    public static MarriageRecordExtract Compose(string number, IReadOnlyList<string> documentKeys,
        IReadOnlyList<MarriageSummary> records, string office, DateTimeOffset issuedAt, DateOnly issuedOn,
        string issuedBy) =>
        new MarriageRecordExtract(number, documentKeys[0], documentKeys.Skip(1).ToList(),
            MaritalStatusRules.Derive(documentKeys.ToList(), records),
            records.Select(r => MaritalStatusRules.ReferenceFor(documentKeys.ToList(), r)).ToList(),
            office, issuedOn, issuedAt, issuedBy);
}
