using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Api.ErrorHandling;

namespace Registry.Api.Endpoints;

/// <summary>Field checks of the marriage registry's requests (400 naming the rule).</summary>
internal static class MarriageRequestChecks
{
    /// <summary>A resident ID number: format, check character, a real birth date not after today.</summary>
    public static RequestChecks ResidentId(this RequestChecks checks, string field, string? value, DateOnly today)
    {
        if (value is not null && !ResidentIdNumber.TryParse(value, today, out _, out var error))
        {
            checks.Fail(field, ResidentIdNumber.RuleOf(error), ResidentIdNumber.MessageOf(error));
        }

        return checks;
    }

    /// <summary>An identity document of <paramref name="type"/> (resident ID when null); the field named by the
    /// rule that fails. Returns the document's key, or null when it failed.</summary>
    public static string? Document(this RequestChecks checks, string field, IdentityDocumentType? type,
        string? number, string? country, DateOnly today, string countryField)
    {
        if (number is null)
        {
            return null;
        }

        if (IdentityDocument.TryParse(type ?? IdentityDocumentType.ResidentId, number, country, today,
                out var document, out var rule, out var message))
        {
            return document!.Key;
        }

        checks.Fail(rule == "passport-country" ? countryField : field, rule, message);
        return null;
    }

    /// <summary>A document key (see <see cref="IdentityDocument.Key"/>: a resident ID number, 15-digit ones
    /// converted, or another document's key); returns the normalised key, or null when absent or failed.</summary>
    public static string? DocumentKey(this RequestChecks checks, string field, string? value, DateOnly today)
    {
        if (value is null)
        {
            return null;
        }

        if (IdentityDocument.TryParseKey(value, today, out var document, out var rule, out var message))
        {
            return document!.Key;
        }

        checks.Fail(field, rule, message);
        return null;
    }

    /// <summary>A registry office: a 6-digit division code.</summary>
    public static RequestChecks Office(this RequestChecks checks, string field, string? value) =>
        OfficeCode(checks, field, value, townships: false);

    /// <summary>The office of a record from the archive: a 6-digit division code, or a township's 9-digit code (towns,
    /// townships and street offices registered marriages before 2003, towns and townships since where the province
    /// designated them); which of them is judged with the division history, for the record's date.</summary>
    public static RequestChecks ArchiveOffice(this RequestChecks checks, string field, string? value) =>
        OfficeCode(checks, field, value, townships: true);

    private static RequestChecks OfficeCode(RequestChecks checks, string field, string? value, bool townships)
    {
        checks.Required(field, value);
        if (value is not null && !((value.Length == 6 || townships && value.Length == 9)
                && Abstractions.Divisions.DivisionCode.IsWellFormed(value)))
        {
            checks.Fail(field, "office-code-format", townships
                ? "An office from the archive is named by its 6-digit division code (GB/T 2260) or, a town's, a " +
                  "township's or a street office's, by its 9-digit statistical code."
                : "An office is named by its 6-digit division code (GB/T 2260).");
        }

        return checks;
    }

    public static RequestChecks MarriageId(this RequestChecks checks, string field, string? value)
    {
        checks.Required(field, value);
        if (value is not null && !Abstractions.Marriages.MarriageId.IsWellFormed(value))
        {
            checks.Fail(field, "marriage-id-format", "A marriage id is 32 lower-case hexadecimal digits.");
        }

        return checks;
    }

    public static (string MarriageId, int Sequence) DivorceApplication(this RequestChecks checks, string value)
    {
        if (DivorceApplicationId.TryParse(value, out var marriageId, out var sequence))
        {
            return (marriageId, sequence);
        }

        checks.Fail("id", "divorce-application-id-format",
            "A divorce application id is the marriage id, '-', and the application's number.");
        return ("", 0);
    }

    /// <summary>Normalises an ID number given in a request (upper-case X, no surrounding spaces).</summary>
    public static string IdNumber(string value) => ResidentIdNumber.Normalize(value)!;
}
