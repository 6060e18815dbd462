using Registry.Abstractions.Marriages;

namespace Registry.Abstractions.Persons;

/// <summary>One marriage record naming a person, as seen from that person: the record id, its J certificate number,
/// where and when it was registered, how it stands and the other party.</summary>
[GenerateSerializer, Alias("Registry.Persons.MarriageRecordReference")]
public sealed record MarriageRecordReference(
    [property: Id(0)] string MarriageId,
    [property: Id(1)] string CertificateNumber,
    [property: Id(2)] string Office,
    [property: Id(3)] DateOnly RegisteredOn,
    [property: Id(4)] MarriageStatus Status,
    [property: Id(5)] DateOnly? EndedOn,
    [property: Id(6)] string SpouseIdNumber,
    [property: Id(7)] string SpouseName)
{
    /// <summary>True for a record entered from the archive (补录) rather than registered in the registry.</summary>
    [Id(8)]
    public bool FromArchive { get; init; }
}
