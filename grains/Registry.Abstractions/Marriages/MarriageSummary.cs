using Registry.Abstractions.Persons;

namespace Registry.Abstractions.Marriages;

/// <summary>What a person's record needs to know of one marriage: status, dates and both parties.
/// <see cref="DeceasedIdNumber"/> is set when the marriage ended by a death or a declaration of death.</summary>
[GenerateSerializer, Immutable, Alias("Registry.Marriages.MarriageSummary")]
public sealed record MarriageSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] MarriageStatus Status,
    [property: Id(2)] string Office,
    [property: Id(3)] DateOnly RegisteredOn,
    [property: Id(4)] string CertificateNumber,
    [property: Id(5)] string PartyAIdNumber,
    [property: Id(6)] string PartyAName,
    [property: Id(7)] string PartyBIdNumber,
    [property: Id(8)] string PartyBName,
    [property: Id(9)] DateOnly? EndedOn,
    [property: Id(10)] string? DeceasedIdNumber)
{
    /// <summary>True when the marriage ended by a court's declaration of death (not revoked) rather than a
    /// death.</summary>
    [Id(11)]
    public bool DeathDeclared { get; init; }

    /// <summary>True for a record entered from the archive (补录).</summary>
    [Id(12)]
    public bool FromArchive { get; init; }

    /// <summary>Party A's sex and birth date as the record gives them (the document's, or as entered where the
    /// document carries neither: a passport, a party the archive names without a document).</summary>
    [Id(13)]
    public (Sex Sex, DateOnly BirthDate)? PartyABorn { get; init; }

    /// <summary>Party B's, as <see cref="PartyABorn"/>.</summary>
    [Id(14)]
    public (Sex Sex, DateOnly BirthDate)? PartyBBorn { get; init; }
}
