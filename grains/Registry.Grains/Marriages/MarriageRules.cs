using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

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
    public static (ResidentId A, ResidentId B) ParseParties(RegisterMarriage command, DateOnly today) =>
        (ParseParty(command.PartyA, "partyA", today), ParseParty(command.PartyB, "partyB", today));

    /// <summary>Throws a rule violation when the two may not marry each other on <paramref name="today"/>.</summary>
    public static void EnsureCanMarry(RegisterMarriage command, ResidentId a, ResidentId b, DateOnly today)
    {
        if (a.Number == b.Number)
        {
            throw DomainException.Violation("same-person", "Both parties have the same ID number.");
        }

        if (a.Sex == b.Sex)
        {
            throw DomainException.Violation("parties-not-opposite-sex",
                "A marriage is registered between a man and a woman (Civil Code art. 1046); both ID numbers record " +
                $"the same sex ({a.Sex.ToString().ToLowerInvariant()}).");
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

    private static ResidentId ParseParty(MarriageParty? party, string field, DateOnly today)
    {
        if (party is null)
        {
            throw DomainException.Invalid("field-required", field, $"'{field}' is required.");
        }

        var id = ParseIdNumber(party.IdNumber, field + ".idNumber", today);
        RequireText(party.Name, field + ".name", MaxNameLength);
        RequireText(party.Nationality, field + ".nationality", MaxNationalityLength);
        return id;
    }
}
