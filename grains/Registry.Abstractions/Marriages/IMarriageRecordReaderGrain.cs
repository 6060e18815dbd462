namespace Registry.Abstractions.Marriages;

/// <summary>
/// Reads of marriage records by id for the API (stateless; any key, e.g. 0): the same answer as
/// <see cref="IMarriageGrain.GetAsync"/> of the record's grain, written to the access log the same way, without
/// activating the record's grain where its stored record answers alone.
/// </summary>
[Alias("Registry.Marriages.IMarriageRecordReaderGrain")]
public interface IMarriageRecordReaderGrain : IGrainWithIntegerKey
{
    /// <summary>The record <paramref name="marriageId"/>, with both parties' data; the read is written to the access
    /// log before it is answered. Refused as the record's grain refuses (<c>marriage-not-found</c>).</summary>
    Task<MarriageDetails> GetAsync(string marriageId);
}
