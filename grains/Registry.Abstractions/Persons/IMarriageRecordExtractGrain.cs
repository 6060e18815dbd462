using Registry.Abstractions.Grains;

namespace Registry.Abstractions.Persons;

/// <summary>
/// One issued marriage-record extract, keyed by its number (<see cref="MarriageRecordExtractNumber"/>): the store
/// that lets it be read again later. Written once by the person record that issues it; every issue is counted in the
/// statistics (<c>marriage.recordExtracts</c>) through the read-model publication.
/// </summary>
[Alias("Registry.Persons.IMarriageRecordExtractGrain")]
public interface IMarriageRecordExtractGrain : IGrainWithStringKey, IPublishingGrain
{
    /// <summary>Internal step of <see cref="IPersonGrain.IssueMarriageRecordExtractAsync"/>: stores the extract
    /// under this number; completes once it is durable. Idempotent for the same extract; another one under a number
    /// already issued is refused (<c>extract-number-taken</c>, 409).</summary>
    Task StoreAsync(MarriageRecordExtract extract);

    /// <summary>The extract as issued; <c>extract-not-found</c> (404) when no extract has this number. The read of
    /// the person data it discloses is written to the access log first.</summary>
    Task<MarriageRecordExtract> GetAsync();
}
