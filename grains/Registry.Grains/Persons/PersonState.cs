using Registry.Abstractions.Persons;

namespace Registry.Grains.Persons;

/// <summary>
/// Stored state of a person in the marriage registry: the marriage records naming them (oldest first, the last one
/// possibly a pending reservation) and the certificates of no marriage record issued to them. Marital status is not
/// stored here: it is derived from the marriage records.
/// </summary>
public sealed class PersonState
{
    public string IdNumber { get; set; } = "";

    public List<MarriageLink> Marriages { get; set; } = [];

    public List<NoMarriageRecordCertificate> NoRecordCertificates { get; set; } = [];
}
