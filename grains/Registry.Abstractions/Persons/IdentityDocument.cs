using System.Globalization;
using System.Text.RegularExpressions;

namespace Registry.Abstractions.Persons;

/// <summary>
/// A party's identity document, parsed and validated: its type, its number (normalised: upper case, 15-digit resident
/// ID numbers converted to 18), the issuing country of a passport, and the birth date and sex where the number
/// carries them. <see cref="Key"/> names the document everywhere in the registry (person records, parties of a
/// marriage, the access log): the bare number for the 18-character GB 11643-style numbers (resident ID, residence
/// permit, permanent residence ID: their prefixes never overlap), <c>hkmo-permit:H12345678</c>,
/// <c>tw-permit:12345678</c> and <c>passport:USA:E12345678</c> for the others, and
/// <c>unrecorded:</c> with the archive record's id and side for a party the archive names without a document
/// (<see cref="OfUnrecordedParty"/>). Pure and thread-safe.
/// </summary>
public sealed partial record IdentityDocument(
    IdentityDocumentType Type,
    string Number,
    string? Country,
    DateOnly? BirthDate,
    Sex? Sex)
{
    public const string HongKongMacaoPermitPrefix = "hkmo-permit:";
    public const string TaiwanPermitPrefix = "tw-permit:";
    public const string PassportPrefix = "passport:";
    public const string UnrecordedPrefix = "unrecorded:";

    /// <summary>Address codes of the residence permits of Hong Kong, Macao and Taiwan residents.</summary>
    public static readonly IReadOnlyList<string> ResidencePermitAddressCodes = ["810000", "820000", "830000"];

    public string Key => Type switch
    {
        IdentityDocumentType.HongKongMacaoTravelPermit => HongKongMacaoPermitPrefix + Number,
        IdentityDocumentType.TaiwanTravelPermit => TaiwanPermitPrefix + Number,
        IdentityDocumentType.Passport => $"{PassportPrefix}{Country}:{Number}",
        IdentityDocumentType.Unrecorded => UnrecordedPrefix + Number,
        _ => Number,
    };

    /// <summary>
    /// The party of side A or B of the archive record <paramref name="recordId"/> whose paper record names no
    /// identity document (<see cref="IdentityDocumentType.Unrecorded"/>): number <c>{RECORD ID}-A</c>, key
    /// <c>unrecorded:0F3C…-A</c>. The same entry again names the same party; the key names no personal data, so it is
    /// shown unmasked.
    /// </summary>
    public static IdentityDocument OfUnrecordedParty(string recordId, bool sideA) =>
        new(IdentityDocumentType.Unrecorded, recordId.ToUpperInvariant() + (sideA ? "-A" : "-B"), null, null, null);

    /// <summary>True for a key of <see cref="OfUnrecordedParty"/>.</summary>
    public static bool IsUnrecordedKey(string? key) =>
        key is not null && key.StartsWith(UnrecordedPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>A mainland resident's document (<see cref="IsOfMainlandResident"/>): the only kind of a marriage any
    /// office may register.</summary>
    public bool IsMainlandResident => IsOfMainlandResident(Type);

    /// <summary>
    /// Whether a document of <paramref name="type"/> is a mainland resident's: the resident identity card, or none
    /// recorded (<see cref="IdentityDocumentType.Unrecorded"/>: before identity cards a party who was not a mainland
    /// resident registered with the passport or travel document the record then names). Every other document is
    /// of a resident of Hong Kong, Macao or Taiwan, an overseas Chinese or a foreigner.
    /// </summary>
    public static bool IsOfMainlandResident(IdentityDocumentType type) =>
        type is IdentityDocumentType.ResidentId or IdentityDocumentType.Unrecorded;

    /// <summary>The resident ID the number encodes, for <see cref="IdentityDocumentType.ResidentId"/>.</summary>
    public ResidentId? ResidentId { get; init; }

    /// <summary>
    /// Parses <paramref name="number"/> as a document of <paramref name="type"/> (with <paramref name="country"/> for
    /// a passport) as of <paramref name="today"/>. On failure <paramref name="rule"/> and <paramref name="message"/>
    /// say what is wrong (kebab-case rule, a sentence for the client).
    /// </summary>
    public static bool TryParse(IdentityDocumentType type, string? number, string? country, DateOnly today,
        out IdentityDocument? document, out string rule, out string message)
    {
        document = null;
        var text = ResidentIdNumber.Normalize(number) ?? "";
        (rule, message) = type switch
        {
            IdentityDocumentType.ResidentId => ParseResidentId(text, today, out document),
            IdentityDocumentType.ResidencePermit => ParseResidencePermit(text, today, out document),
            IdentityDocumentType.PermanentResidenceId => ParsePermanentResidenceId(text, today, out document),
            IdentityDocumentType.HongKongMacaoTravelPermit => ParsePattern(type, text, HongKongMacaoPermit(),
                "travel-permit-format",
                "A Mainland Travel Permit for Hong Kong and Macao Residents is H or M followed by 8 digits (10 on " +
                "booklets that carry the issue count).", out document),
            IdentityDocumentType.TaiwanTravelPermit => ParsePattern(type, text, TaiwanPermit(),
                "travel-permit-format",
                "A Mainland Travel Permit for Taiwan Residents is 8 digits (10 on the booklets issued before 2015).",
                out document),
            IdentityDocumentType.Passport => ParsePassport(text, ResidentIdNumber.Normalize(country), out document),
            IdentityDocumentType.Unrecorded => ("document-unrecorded",
                "'unrecorded' is for a party of a marriage record from the archive that names no identity document; " +
                "it is entered without a number, from the archive only. A party who appears presents a document."),
            _ => ("document-type", "Unknown type of identity document."),
        };
        return document is not null;
    }

    /// <summary>Parses a document <see cref="Key"/> (also a 15-digit resident ID number, converted).</summary>
    public static bool TryParseKey(string? key, DateOnly today, out IdentityDocument? document, out string rule,
        out string message)
    {
        var text = ResidentIdNumber.Normalize(key) ?? "";
        if (text.StartsWith(PassportPrefix.ToUpperInvariant(), StringComparison.Ordinal))
        {
            var rest = text[PassportPrefix.Length..];
            var colon = rest.IndexOf(':', StringComparison.Ordinal);
            return TryParse(IdentityDocumentType.Passport, colon < 0 ? "" : rest[(colon + 1)..],
                colon < 0 ? rest : rest[..colon], today, out document, out rule, out message);
        }

        if (text.StartsWith(HongKongMacaoPermitPrefix.ToUpperInvariant(), StringComparison.Ordinal))
        {
            return TryParse(IdentityDocumentType.HongKongMacaoTravelPermit, text[HongKongMacaoPermitPrefix.Length..],
                null, today, out document, out rule, out message);
        }

        if (text.StartsWith(UnrecordedPrefix.ToUpperInvariant(), StringComparison.Ordinal))
        {
            var number = text[UnrecordedPrefix.Length..];
            document = UnrecordedNumber().IsMatch(number)
                ? new IdentityDocument(IdentityDocumentType.Unrecorded, number, null, null, null)
                : null;
            (rule, message) = document is null
                ? ("unrecorded-party-format",
                    "A party without a recorded document is named 'unrecorded:' with the archive record's id " +
                    "(32 hexadecimal digits) and its side, -A or -B.")
                : ("", "");
            return document is not null;
        }

        if (text.StartsWith(TaiwanPermitPrefix.ToUpperInvariant(), StringComparison.Ordinal))
        {
            return TryParse(IdentityDocumentType.TaiwanTravelPermit, text[TaiwanPermitPrefix.Length..], null, today,
                out document, out rule, out message);
        }

        var type = text.StartsWith('9') ? IdentityDocumentType.PermanentResidenceId
            : ResidencePermitAddressCodes.Any(c => text.StartsWith(c, StringComparison.Ordinal))
                ? IdentityDocumentType.ResidencePermit
                : IdentityDocumentType.ResidentId;
        return TryParse(type, text, null, today, out document, out rule, out message);
    }

    /// <summary>A key as shown in lists and messages: the number's first 6 and last 4 characters kept (the
    /// first 2 and last 2 of a short number), its prefix and country shown; an unrecorded party's key, which names a
    /// record and not a person, whole.</summary>
    public static string Mask(string key)
    {
        if (IsUnrecordedKey(key))
        {
            return key;
        }

        var colon = key.LastIndexOf(':');
        var prefix = colon < 0 ? "" : key[..(colon + 1)];
        var number = key[(colon + 1)..];
        var masked = number.Length > 10 ? ResidentIdNumber.Mask(number)
            : number.Length > 4 ? number[..2] + new string('*', number.Length - 4) + number[^2..]
            : new string('*', number.Length);
        return prefix + masked;
    }

    private static (string, string) ParseResidentId(string text, DateOnly today, out IdentityDocument? document)
    {
        document = null;
        if (ResidentIdNumber.TryUpgrade(text, out var upgraded))
        {
            text = upgraded;
        }

        if (text.StartsWith('9') || ResidencePermitAddressCodes.Any(c => text.StartsWith(c, StringComparison.Ordinal)))
        {
            return ("document-type-mismatch",
                "This number is a residence permit (810000/820000/830000) or a permanent residence ID (9...); give " +
                "it with that document type.");
        }

        if (!ResidentIdNumber.TryParse(text, today, out var id, out var error))
        {
            return (ResidentIdNumber.RuleOf(error), ResidentIdNumber.MessageOf(error));
        }

        document = new IdentityDocument(IdentityDocumentType.ResidentId, id!.Number, null, id.BirthDate, id.Sex)
        {
            ResidentId = id,
        };
        return ("", "");
    }

    private static (string, string) ParseResidencePermit(string text, DateOnly today, out IdentityDocument? document)
    {
        document = null;
        if (!ResidencePermitAddressCodes.Any(c => text.StartsWith(c, StringComparison.Ordinal)))
        {
            return ("residence-permit-format",
                "A residence permit of a Hong Kong, Macao or Taiwan resident is 18 characters beginning with " +
                "810000, 820000 or 830000.");
        }

        if (!ResidentIdNumber.TryParse(text, today, out var id, out var error))
        {
            return (error switch
            {
                ResidentIdError.CheckCharacter => "residence-permit-check-character",
                ResidentIdError.BirthDate => "residence-permit-birth-date",
                _ => "residence-permit-format",
            }, ResidentIdNumber.MessageOf(error));
        }

        document = new IdentityDocument(IdentityDocumentType.ResidencePermit, id!.Number, null, id.BirthDate, id.Sex);
        return ("", "");
    }

    private static (string, string) ParsePermanentResidenceId(string text, DateOnly today,
        out IdentityDocument? document)
    {
        // 2023 format: "9", the 2-digit province code of the accepting office, the 3-digit numeric code of the
        // nationality (ISO 3166-1), the birth date YYYYMMDD, a 3-digit sequence and the GB 11643 check character.
        document = null;
        if (text is not { Length: ResidentIdNumber.Length } || text[0] != '9'
            || text.AsSpan(0, 17).ContainsAnyExceptInRange('0', '9')
            || !(char.IsAsciiDigit(text[^1]) || text[^1] == 'X'))
        {
            return ("permanent-residence-id-format",
                "A foreigner's permanent residence ID (2023 format) is 9 followed by 16 digits and a check " +
                "character (digit or X).");
        }

        if (ResidentIdNumber.CheckCharacter(text.AsSpan(0, 17)) != text[^1])
        {
            return ("permanent-residence-id-check-character",
                "The last character is not the check character of the first 17 digits.");
        }

        if (!CountryCodes.IsNumeric(text.Substring(3, 3)))
        {
            return ("permanent-residence-id-nationality",
                "Characters 4-6 must be an assigned ISO 3166-1 numeric country code.");
        }

        if (!DateOnly.TryParseExact(text.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var birthDate) || birthDate > today)
        {
            return ("permanent-residence-id-birth-date",
                "Characters 7-14 must be a real birth date (YYYYMMDD), not after today.");
        }

        document = new IdentityDocument(IdentityDocumentType.PermanentResidenceId, text, null, birthDate, null);
        return ("", "");
    }

    private static (string, string) ParsePattern(IdentityDocumentType type, string text, Regex pattern, string rule,
        string message, out IdentityDocument? document)
    {
        document = pattern.IsMatch(text) ? new IdentityDocument(type, text, null, null, null) : null;
        return document is null ? (rule, message) : ("", "");
    }

    private static (string, string) ParsePassport(string text, string? country, out IdentityDocument? document)
    {
        document = null;
        if (!CountryCodes.IsAlpha3(country))
        {
            return ("passport-country",
                "A passport names its issuing country by its ISO 3166-1 alpha-3 code (e.g. CHN, USA).");
        }

        if (!PassportNumber().IsMatch(text))
        {
            return ("passport-number-format", "A passport number is 5 to 20 letters and digits.");
        }

        document = new IdentityDocument(IdentityDocumentType.Passport, text, country, null, null);
        return ("", "");
    }

    [GeneratedRegex("^[HM](?:[0-9]{8}|[0-9]{10})$", RegexOptions.CultureInvariant)]
    private static partial Regex HongKongMacaoPermit();

    [GeneratedRegex("^(?:[0-9]{8}|[0-9]{10})$", RegexOptions.CultureInvariant)]
    private static partial Regex TaiwanPermit();

    [GeneratedRegex("^[A-Z0-9]{5,20}$", RegexOptions.CultureInvariant)]
    private static partial Regex PassportNumber();

    [GeneratedRegex("^[0-9A-F]{32}-[AB]$", RegexOptions.CultureInvariant)]
    private static partial Regex UnrecordedNumber();
}
