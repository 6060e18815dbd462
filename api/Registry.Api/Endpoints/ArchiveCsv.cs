using System.Globalization;
using System.Text;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Text;

namespace Registry.Api.Endpoints;

/// <summary>
/// The CSV of a bulk archive import: a header line, then one record a line, columns in this order:
/// <c>certificateNumber, registeredOn, office, volume, page</c>, then for party A and party B each
/// <c>documentType, number, country, sex, birthDate, name, nationality</c> (documentType empty: resident ID; country,
/// sex and birth date empty where the document does not need them; <c>unrecorded</c> with no number for a party the
/// paper names without a document). Fields may be quoted ("..." with "" for a quote);
/// a field cannot span lines. A file may add the end of each marriage (<see cref="EndColumns"/>: <c>endKind, endedOn,
/// endReference, endAuthority, endParty</c>, all empty for a marriage still in force; endParty names who died by their
/// document or as <c>partyA</c> / <c>partyB</c>; see
/// <see cref="ArchivedEnd"/>): its header then names those five columns too.
/// </summary>
internal static class ArchiveCsv
{
    public static readonly string[] Columns =
    [
        "certificateNumber", "registeredOn", "office", "volume", "page",
        "aDocumentType", "aNumber", "aCountry", "aSex", "aBirthDate", "aName", "aNationality",
        "bDocumentType", "bNumber", "bCountry", "bSex", "bBirthDate", "bName", "bNationality",
    ];

    /// <summary>The columns that follow <see cref="Columns"/> in a file that records ends.</summary>
    public static readonly string[] EndColumns = ["endKind", "endedOn", "endReference", "endAuthority", "endParty"];

    /// <summary>The columns of a file whose header is <paramref name="header"/>: <see cref="Columns"/>, with or
    /// without <see cref="EndColumns"/>; null when it is neither.</summary>
    public static string[]? ColumnsOf(string? header)
    {
        var named = header is null ? null : CsvLine.Fields(header)?.Select(h => h.Trim()).ToList();
        string[] withEnds = [.. Columns, .. EndColumns];
        return named is null ? null
            : named.SequenceEqual(Columns) ? Columns
            : named.SequenceEqual(withEnds) ? withEnds
            : null;
    }

    /// <summary>The command of one line of a file of <paramref name="columns"/> (see <see cref="ColumnsOf"/>), or
    /// the rule and message that reject it.</summary>
    public static (EnterArchivedMarriage? Command, string Rule, string Message) Parse(string line,
        IReadOnlyList<string> columns)
    {
        var fields = CsvLine.Fields(line)?.Select(field => field.Trim()).ToList();
        if (fields is null || fields.Count != columns.Count)
        {
            return (null, "csv-columns", $"A line has {columns.Count} fields: {string.Join(',', columns)}.");
        }

        if (!DateOnly.TryParseExact(fields[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var registeredOn))
        {
            return (null, "date-format", "registeredOn is a date YYYY-MM-DD.");
        }

        var a = Party(fields, 5, out var rule, out var message);
        if (a is null)
        {
            return (null, rule, "partyA: " + message);
        }

        var b = Party(fields, 12, out rule, out message);
        if (b is null)
        {
            return (null, rule, "partyB: " + message);
        }

        ArchivedEnd? end = null;
        if (fields.Count > Columns.Length && fields.Skip(Columns.Length).Any(field => field.Length > 0))
        {
            end = End(fields, Columns.Length, out rule, out message);
            if (end is null)
            {
                return (null, rule, message);
            }
        }

        return (new EnterArchivedMarriage(fields[2], fields[0], registeredOn, a, b,
            new ArchiveSource(fields[3], fields[4])) { Ended = end }, "", "");
    }

    private static ArchivedEnd? End(List<string> f, int at, out string rule, out string message)
    {
        (rule, message) = ("", "");
        var kinds = Enum.GetValues<ArchivedEndKind>().Where(k => ApiTerms.Value(k) == f[at]).ToList();
        if (kinds.Count == 0)
        {
            (rule, message) = ("value-out-of-range",
                "endKind is divorce-registration, court-divorce, death or annulment (empty for a marriage in force).");
            return null;
        }

        if (!DateOnly.TryParseExact(f[at + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var endedOn))
        {
            (rule, message) = ("date-format", "endedOn is a date YYYY-MM-DD.");
            return null;
        }

        // Required texts are the rules' to check, with their messages (field-required naming the field).
        return new ArchivedEnd(kinds[0], endedOn, f[at + 2], f[at + 3], f[at + 4].Length > 0 ? f[at + 4] : null);
    }

    private static MarriageParty? Party(List<string> f, int at, out string rule, out string message)
    {
        (rule, message) = ("", "");
        var type = IdentityDocumentType.ResidentId;
        if (f[at].Length > 0)
        {
            var named = Enum.GetValues<IdentityDocumentType>().Where(t => ApiTerms.Value(t) == f[at]).ToList();
            if (named.Count == 0)
            {
                (rule, message) = ("document-type", $"Unknown document type '{f[at]}'.");
                return null;
            }

            type = named[0];
        }

        Sex? sex = null;
        if (f[at + 3].Length > 0)
        {
            if (!Enum.GetValues<Sex>().Any(s => ApiTerms.Value(s) == f[at + 3]))
            {
                (rule, message) = ("sex-format", "sex is male or female.");
                return null;
            }

            sex = Enum.GetValues<Sex>().First(s => ApiTerms.Value(s) == f[at + 3]);
        }

        DateOnly? birthDate = null;
        if (f[at + 4].Length > 0)
        {
            if (!DateOnly.TryParseExact(f[at + 4], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                    out var born))
            {
                (rule, message) = ("date-format", "birthDate is a date YYYY-MM-DD.");
                return null;
            }

            birthDate = born;
        }

        return new MarriageParty(f[at + 1], f[at + 5], f[at + 6])
        {
            DocumentType = type,
            Country = f[at + 2].Length > 0 ? f[at + 2] : null,
            Sex = sex,
            BirthDate = birthDate,
        };
    }
}
