using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Text;

namespace Registry.Grains.Marriages;

/// <summary>
/// Who may marry (Civil Code arts. 1046-1049; Marriage Registration Regulations): one man and one woman, of legal age
/// on the registration date (men 22, women 20, from the birth date in the ID number), each declaring under signature
/// that they have no spouse and are not within the prohibited degrees of kinship, both present in person. Pure:
/// whether a party already has a spouse is decided by the person records.
/// </summary>
public static class MarriageRules
{
    public const int MinimumAgeOfMen = 22;
    public const int MinimumAgeOfWomen = 20;
    public const int MaxNameLength = 100;
    public const int MaxNationalityLength = 64;
    public const int MaxReasonLength = 2_000;

    /// <summary>Parses both parties' ID numbers and checks names and nationalities; throws <c>Invalid</c> naming the
    /// field.</summary>
    public static (PartyIdentity A, PartyIdentity B) ParseParties(RegisterMarriage command, DateOnly today) =>
        (ParseParty(command.PartyA, "partyA", today), ParseParty(command.PartyB, "partyB", today));

    /// <summary>Throws a rule violation when the two may not marry each other on <paramref name="today"/>.</summary>
    public static void EnsureCanMarry(RegisterMarriage command, PartyIdentity a, PartyIdentity b, DateOnly today)
    {
        if (a.Number == b.Number)
        {
            throw DomainException.Violation("same-person", "Both parties present the same identity document.");
        }

        if (a.Sex == b.Sex)
        {
            throw DomainException.Violation("parties-not-opposite-sex",
                "A marriage is registered between a man and a woman (Civil Code art. 1046); both parties' documents record " +
                $"the same sex ({ApiTerms.Value(a.Sex)}).");
        }

        foreach (var (party, label) in new[] { (a, "partyA"), (b, "partyB") })
        {
            var minimum = MinimumAgeOf(party.Sex);
            var age = party.AgeOn(today);
            if (age < minimum)
            {
                throw DomainException.Violation("under-legal-age",
                    $"{label} is {age} on {today:yyyy-MM-dd}; the legal age of marriage for " +
                    $"{(party.Sex == Sex.Male ? "men" : "women")} is {minimum} (Civil Code art. 1047), reached on " +
                    $"{party.BirthDate.AddYears(minimum):yyyy-MM-dd}.");
            }
        }

        if (!command.NoSpouseDeclared || !command.NoProhibitedKinshipDeclared)
        {
            var missing = string.Join(" and ", new[]
            {
                command.NoSpouseDeclared ? null : "noSpouse",
                command.NoProhibitedKinshipDeclared ? null : "noProhibitedKinship",
            }.OfType<string>());
            throw DomainException.Violation("declaration-missing",
                $"Both parties must sign the declarations of no spouse and no prohibited kinship; missing: {missing}.");
        }

        if (!command.BothPresent)
        {
            throw DomainException.Violation("both-parties-must-appear",
                "Both parties must appear in person with their ID documents.");
        }
    }

    public static int MinimumAgeOf(Sex sex) => sex == Sex.Male ? MinimumAgeOfMen : MinimumAgeOfWomen;

    /// <summary>Parses a resident ID number given in request field <paramref name="field"/>; throws <c>Invalid</c>
    /// naming the ID rule that fails.</summary>
    public static ResidentId ParseIdNumber(string? idNumber, string field, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(idNumber))
        {
            throw DomainException.Invalid("field-required", field, $"'{field}' is required.");
        }

        if (!ResidentIdNumber.TryParse(idNumber, today, out var id, out var error))
        {
            throw DomainException.Invalid(ResidentIdNumber.RuleOf(error), field, ResidentIdNumber.MessageOf(error));
        }

        return id!;
    }

    /// <summary>Requires a non-blank text of at most <paramref name="maxLength"/> characters; returns it
    /// trimmed.</summary>
    public static string RequireText(string? text, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw DomainException.Invalid("field-required", field, $"'{field}' is required.");
        }

        var trimmed = text.Trim();
        if (trimmed.Length > maxLength)
        {
            throw DomainException.Invalid("field-too-long", field, $"'{field}' is at most {maxLength} characters.");
        }

        return trimmed;
    }

    public const int MaxArchiveNumberLength = CertificateNumber.MaxOriginalLength;

    /// <summary>
    /// A certificate number from the archive, as the paper record writes it
    /// (<see cref="CertificateNumber.IsOriginalWellFormed"/>), of <paramref name="kind"/>, issued by
    /// <paramref name="office"/> on <paramref name="issuedOn"/>. A number of the national format says all three: its
    /// prefix (J, L), its office (a township's is its county's) and its year must be the entry's
    /// (<c>archive-certificate-number-mismatch</c>), so a number typed from another record is not taken as this
    /// one's. An earlier format says nothing the registry can read.
    /// </summary>
    private static void EnsureOriginalNumber(string? text, string field, CertificateKind kind, string? office,
        DateOnly issuedOn)
    {
        var number = RequireText(text, field, MaxArchiveNumberLength);
        if (!CertificateNumber.IsOriginalWellFormed(number))
        {
            throw DomainException.Invalid("archive-certificate-number-format", field,
                $"'{field}' is the certificate number as the paper record writes it: the national format " +
                "(J110101-2010-000123) or an earlier one (京东结字第0123号, (98)西结字第1234号): upper-case Latin " +
                "letters, the digits 0-9, Chinese characters, '-' and parentheses, with no space or other sign.");
        }

        // A malformed office is the office rule's to refuse.
        if (!CertificateNumber.IsWellFormed(number) || !DivisionCode.IsWellFormed(office?.Trim()))
        {
            return;
        }

        var county = office!.Trim()[..6];
        var series = CertificateNumber.SeriesOf(kind, county, issuedOn.Year);
        if (!number.StartsWith(series + "-", StringComparison.Ordinal))
        {
            throw DomainException.Invalid("archive-certificate-number-mismatch", field,
                $"{number} is of the national format, which names its kind, office and year: a " +
                $"{(kind == CertificateKind.Marriage ? "marriage" : "divorce")} certificate issued by office " +
                $"{county} in {issuedOn.Year} is numbered {series}-NNNNNN.");
        }
    }

    /// <summary>The refusal of an archive entry under a certificate number whose record holds other data.</summary>
    public static DomainException ArchiveRecordDiffers(string number) =>
        DomainException.Conflict("archive-record-differs",
            $"Certificate {number} is already entered from the archive with other data; a correction of " +
            "the record is a court judgment or a new entry in its history, not a second entry.");

    /// <summary>
    /// Checks a record entered from the archive and parses its parties' documents (as recorded then; 15-digit
    /// resident ID numbers converted). The paper record is what happened, so the rules of the day it was made are not
    /// judged again (the legal ages were 20 and 18 under the 1950 Marriage Law): only what makes it not a marriage
    /// record at all is refused: a date after today or before a party was born, the same document twice, two
    /// parties of the same sex, no certificate number or archive reference.
    /// </summary>
    public static (PartyIdentity A, PartyIdentity B) ParseArchiveEntry(EnterArchivedMarriage command, DateOnly today)
    {
        EnsureOriginalNumber(command.CertificateNumber, "certificateNumber", CertificateKind.Marriage, command.Office,
            command.RegisteredOn);

        RequireText(command.Source?.Volume, "source.volume", MaxNameLength);
        RequireText(command.Source?.Page, "source.page", MaxNameLength);
        if (command.RegisteredOn > today)
        {
            throw DomainException.Invalid("registration-date-in-future", "registeredOn",
                "A record from the archive was registered before today.");
        }

        var record = command.RecordId();
        var a = ParseParty(command.PartyA, "partyA", today, record);
        var b = ParseParty(command.PartyB, "partyB", today, record);
        if (a.Number == b.Number)
        {
            throw DomainException.Violation("same-person", "Both parties present the same identity document.");
        }

        if (a.Sex == b.Sex)
        {
            throw DomainException.Violation("parties-not-opposite-sex",
                "A marriage is registered between a man and a woman (Civil Code art. 1046).");
        }

        foreach (var (party, label) in new[] { (a, "partyA"), (b, "partyB") })
        {
            if (party.BirthDate >= command.RegisteredOn)
            {
                throw DomainException.Invalid("registration-before-birth", "registeredOn",
                    $"{label} was born on {party.BirthDate:yyyy-MM-dd}, not before the registration date.");
            }
        }

        return (a, b);
    }

    /// <summary>
    /// Checks the end an archive entry records (<see cref="EnterArchivedMarriage.Ended"/>), and returns it with its
    /// texts trimmed and a death's party named by the key of the document it was entered with: on or after the
    /// registration date and not after today; a reference and an authority (for a divorce registration, the office's
    /// division code, whose being in force on that date the grain checks); for a death, one of the two parties.
    /// Null when the marriage is entered in force.
    /// </summary>
    public static ArchivedEnd? ParseArchivedEnd(EnterArchivedMarriage command, PartyIdentity a, PartyIdentity b,
        DateOnly today)
    {
        if (command.Ended is not { } end)
        {
            return null;
        }

        if (!Enum.IsDefined(end.Kind))
        {
            throw DomainException.Invalid("value-out-of-range", "ended.kind",
                "'ended.kind' is divorce-registration, court-divorce, death or annulment.");
        }

        if (end.EndedOn < command.RegisteredOn || end.EndedOn > today)
        {
            throw DomainException.Invalid("archived-end-date", "ended.endedOn",
                $"The marriage was registered on {command.RegisteredOn:yyyy-MM-dd}: it ended on or after that day, " +
                "and not after today.");
        }

        var reference = RequireText(end.Reference, "ended.reference", MaxArchiveNumberLength);
        var authority = RequireText(end.Authority, "ended.authority", MaxNameLength);
        if (end.Kind == ArchivedEndKind.DivorceRegistration)
        {
            if (!DivisionCode.IsWellFormed(authority))
            {
                throw DomainException.Invalid("division-code-format", "ended.authority",
                    "A divorce registration names the office that registered it: its division code (6 digits, or a " +
                    "township's 9).");
            }

            // Its reference is the divorce certificate's L number, indexed like the marriage's.
            EnsureOriginalNumber(reference, "ended.reference", CertificateKind.Divorce, authority, end.EndedOn);
        }

        string? party = null;
        if (end.Kind == ArchivedEndKind.Death)
        {
            // A party is named by their document, or by their side: a party with no document recorded has no
            // number to name them by.
            party = end.PartyIdNumber?.Trim() switch
            {
                "partyA" => a.Number,
                "partyB" => b.Number,
                var key => ParseDocumentKey(key, "ended.partyIdNumber", today).Key,
            };
            if (party != a.Number && party != b.Number)
            {
                throw DomainException.Violation("party-not-in-marriage",
                    $"{IdentityDocument.Mask(party)} is not a party of this archive entry: a death ending it names " +
                    "one of its two parties by the document it is entered with.");
            }
        }

        return end with { Reference = reference, Authority = authority, PartyIdNumber = party };
    }

    /// <summary>
    /// Only offices the province designates register a marriage in which a party is not a mainland resident (a
    /// resident of Hong Kong, Macao or Taiwan, an overseas Chinese or a foreigner: Marriage Registration Regulations
    /// 2025, art. 2): <paramref name="designated"/> says whether <paramref name="office"/> is one. Throws
    /// <c>office-not-designated</c> (422) otherwise.
    /// </summary>
    public static void EnsureOfficeMayRegister(PartyIdentity a, PartyIdentity b, string office, bool designated) =>
        EnsureOfficeMayServe(a.Document.Type, b.Document.Type, office, designated);

    /// <summary>
    /// Whether a province's civil-affairs department (code XX0000) may be the office: only for a marriage in which a
    /// party is not a mainland resident, and only where it is designated for such marriages (each province's
    /// department is, out of the box). County- and city-level offices are checked by the division history alone.
    /// </summary>
    public static bool ProvinceMayServe(IdentityDocumentType a, IdentityDocumentType b, bool designated) =>
        designated && !(IdentityDocument.IsOfMainlandResident(a) && IdentityDocument.IsOfMainlandResident(b));

    /// <summary>The order in which a registration holds the persons of two document keys (ordinal order), so that two
    /// registrations contending for the same two people collide on the first one instead of each holding one.</summary>
    public static string[] HoldOrder(string a, string b) =>
        string.CompareOrdinal(a, b) <= 0 ? [a, b] : [b, a];

    /// <summary>Refuses two parties whose documents lead to one person record (<c>same-person</c>, 422):
    /// <paramref name="personA"/> and <paramref name="personB"/> are the person records held.</summary>
    public static void EnsureTwoPersons(string personA, string personB)
    {
        if (personA == personB)
        {
            throw DomainException.Violation("same-person",
                "The two parties' documents belong to one person (they are linked to the same person record).");
        }
    }

    /// <summary>
    /// The same designation for everything registered of such a marriage afterwards (a divorce application and its
    /// registration, a replacement certificate: each a marriage registration of the Regulations), by the document
    /// types the parties were registered with. Throws <c>office-not-designated</c> (422).
    /// </summary>
    public static void EnsureOfficeMayServe(IdentityDocumentType a, IdentityDocumentType b, string office,
        bool designated)
    {
        if (!designated && !(IdentityDocument.IsOfMainlandResident(a) && IdentityDocument.IsOfMainlandResident(b)))
        {
            throw DomainException.Violation("office-not-designated",
                $"Office {office} is not designated for marriages in which a party is a resident of Hong Kong, Macao " +
                "or Taiwan, an overseas Chinese or a foreigner (Marriage Registration Regulations, art. 2): they are " +
                "registered by the province's civil-affairs department (XX0000) or the offices it designates.");
        }
    }

    /// <summary>Parses a document key (see <see cref="IdentityDocument.Key"/>; a bare number is a resident ID,
    /// residence permit or permanent residence ID by its prefix) given in request field <paramref name="field"/>;
    /// throws <c>Invalid</c> naming the rule that fails.</summary>
    public static IdentityDocument ParseDocumentKey(string? key, string field, DateOnly today)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            throw DomainException.Invalid("field-required", field, $"'{field}' is required.");
        }

        if (!IdentityDocument.TryParseKey(key, today, out var document, out var rule, out var message))
        {
            throw DomainException.Invalid(rule, field, message);
        }

        return document!;
    }

    /// <summary>
    /// A party's document, name, nationality, sex and birth date. <paramref name="archiveRecordId"/> is the record
    /// an archive entry makes, null for a party who appears: only an archive entry takes a party with no document
    /// recorded (<see cref="IdentityDocumentType.Unrecorded"/>), without a number, named by that record and the
    /// side (<see cref="IdentityDocument.OfUnrecordedParty"/>).
    /// </summary>
    private static PartyIdentity ParseParty(MarriageParty? party, string field, DateOnly today,
        string? archiveRecordId = null)
    {
        if (party is null)
        {
            throw DomainException.Invalid("field-required", field, $"'{field}' is required.");
        }

        IdentityDocument? document;
        string rule, message;
        if (party.DocumentType == IdentityDocumentType.Unrecorded && archiveRecordId is null)
        {
            IdentityDocument.TryParse(party.DocumentType, party.IdNumber, null, today, out _, out rule, out message);
            throw DomainException.Invalid(rule, field + ".documentType", message);
        }

        if (party.DocumentType == IdentityDocumentType.Unrecorded)
        {
            if (!string.IsNullOrWhiteSpace(party.IdNumber))
            {
                throw DomainException.Invalid("unrecorded-party-number", field + ".idNumber",
                    $"'{field}' has no document recorded: leave '{field}.idNumber' out (the record and the side " +
                    "name the party).");
            }

            document = IdentityDocument.OfUnrecordedParty(archiveRecordId!, field == "partyA");
        }
        else if (string.IsNullOrWhiteSpace(party.IdNumber))
        {
            throw DomainException.Invalid("field-required", field + ".idNumber", $"'{field}.idNumber' is required.");
        }
        else if (!IdentityDocument.TryParse(party.DocumentType, party.IdNumber, party.Country, today, out document,
                out rule, out message))
        {
            throw DomainException.Invalid(rule, field + (rule == "passport-country" ? ".country" : ".idNumber"),
                message);
        }

        RequireText(party.Name, field + ".name", MaxNameLength);
        RequireText(party.Nationality, field + ".nationality", MaxNationalityLength);
        var sex = Entered(document!.Sex, party.Sex, field + ".sex", "sex");
        var birthDate = Entered(document.BirthDate, party.BirthDate, field + ".birthDate", "birth date");
        if (birthDate > today)
        {
            throw DomainException.Invalid("birth-date-in-future", field + ".birthDate",
                "A birth date cannot be after today.");
        }

        return new PartyIdentity(document, sex, birthDate);
    }

    /// <summary>What the document carries, or else what was entered: never typed twice differently.</summary>
    private static T Entered<T>(T? carried, T? entered, string field, string what)
        where T : struct
    {
        if (carried is { } fromDocument)
        {
            if (entered is { } typed && !EqualityComparer<T>.Default.Equals(typed, fromDocument))
            {
                throw DomainException.Invalid("document-data-mismatch", field,
                    $"The {what} entered differs from the one the document's number records.");
            }

            return fromDocument;
        }

        return entered ?? throw DomainException.Invalid("field-required", field,
            $"This document does not record the {what}: '{field}' is required.");
    }
}
