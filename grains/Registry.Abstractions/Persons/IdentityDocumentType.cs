namespace Registry.Abstractions.Persons;

/// <summary>
/// The identity documents a party may present (Marriage Registration Regulations 2025, art. 2 and the documents they
/// require). Only <see cref="ResidentId"/> makes a marriage between mainland residents; any other document makes it a
/// marriage registered only at designated offices.
/// </summary>
[GenerateSerializer, Alias("Registry.Persons.IdentityDocumentType")]
public enum IdentityDocumentType
{
    /// <summary>Mainland resident identity card (GB 11643): 18 characters; 15-digit numbers of old records are
    /// converted to 18.</summary>
    ResidentId = 0,

    /// <summary>Residence permit of a Hong Kong, Macao or Taiwan resident (港澳台居民居住证): 18 characters with the
    /// address code 810000, 820000 or 830000 and the GB 11643 check.</summary>
    ResidencePermit = 1,

    /// <summary>Mainland Travel Permit for Hong Kong and Macao Residents (港澳居民来往内地通行证): H (Hong Kong) or
    /// M (Macao) and 8 digits, or 10 on booklets that carry the issue count.</summary>
    HongKongMacaoTravelPermit = 2,

    /// <summary>Mainland Travel Permit for Taiwan Residents (台湾居民来往大陆通行证): 8 digits on the card issued
    /// since 2015, 10 on the older booklets.</summary>
    TaiwanTravelPermit = 3,

    /// <summary>Foreigner's permanent residence ID card, 2023 format (外国人永久居留身份证): 18 characters beginning
    /// with 9, with the GB 11643 check.</summary>
    PermanentResidenceId = 4,

    /// <summary>A passport, with its issuing country (ISO 3166-1 alpha-3).</summary>
    Passport = 5,

    /// <summary>No identity document recorded: a party of a marriage registered before resident identity cards
    /// (issued from 1984 under the Regulations on Resident Identity Cards 1985), whose paper record names them by
    /// name, sex and birth date only. Only an entry from the archive takes it, without a number: the party is named
    /// by the record and their side in it (<see cref="IdentityDocument.OfUnrecordedParty"/>), and their own
    /// documents are linked to that later, when they come with them.</summary>
    Unrecorded = 6,
}
