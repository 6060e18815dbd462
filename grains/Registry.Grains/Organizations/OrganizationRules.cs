using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Text;

namespace Registry.Grains.Organizations;

/// <summary>
/// Pure rules of the registration record: the Unified Social Credit Code (GB 32100-2015), particulars and their
/// changes. Each refusal names its rule; nothing is changed when one is thrown.
/// </summary>
public static class OrganizationRules
{
    public const int MaxNameLength = 100;
    public const int MaxParticularLength = 500;
    public const int MaxLongTextLength = 4000;

    /// <summary>
    /// Checks the code and particulars of a registration. A code failing only its check character passes when a
    /// legacy override reason is given; an override on a valid code is refused so the audit never claims one.
    /// Returns true when the code was accepted under the override.
    /// </summary>
    public static bool CheckRegistration(RegisterOrganization command, DateOnly today)
    {
        CheckDefined("kind", command.Kind);
        var legacy = CheckCode(command.Uscc, command.Kind, command.LegacyOverrideReason);
        CheckText("name", command.Name, MaxNameLength);
        CheckText("legalRepresentative", command.LegalRepresentative, MaxParticularLength);
        CheckText("address", command.Address, MaxParticularLength);
        CheckText("businessScope", command.BusinessScope, MaxLongTextLength);
        CheckOptionalText("supervisingUnit", command.SupervisingUnit, MaxParticularLength);
        CheckOffice(command.Uscc, command.RegisteringOffice);
        if (command.RegisteredCapital < 0)
        {
            throw DomainException.Invalid("value-out-of-range", "registeredCapital",
                "The registered capital is an amount in yuan, not negative.");
        }

        if (command.FoundedOn > today)
        {
            throw DomainException.Invalid("founded-on-future", "foundedOn",
                $"The founding date {command.FoundedOn:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).");
        }

        return legacy;
    }

    /// <summary>
    /// Checks a row of the existing register: the code (no legacy override: a row failing its check character is
    /// reported, and a registrar enters it with one), particulars, the registration date not after
    /// <paramref name="today"/>, and a grade only for an active organization (a grade ends with deregistration and
    /// revocation).
    /// </summary>
    public static void CheckImport(ImportOrganization command, DateOnly today)
    {
        CheckDefined("kind", command.Kind);
        CheckDefined("status", command.Status);
        CheckCode(command.Uscc, command.Kind, null);
        CheckText("name", command.Name, MaxNameLength);
        CheckText("legalRepresentative", command.LegalRepresentative, MaxParticularLength);
        CheckText("source", command.Source, MaxParticularLength);
        CheckOffice(command.Uscc, command.RegisteringOffice);
        if (command.RegisteredOn > today)
        {
            throw DomainException.Invalid("registered-on-future", "registeredOn",
                $"The registration date {command.RegisteredOn:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}).");
        }

        if (command.Grade is { } grade)
        {
            if (grade is < 1 or > 5)
            {
                throw DomainException.Invalid("grade-format", "grade", "A grade is one of 1A, 2A, 3A, 4A, 5A.");
            }

            if (command.Status != OrganizationStatus.Active)
            {
                throw DomainException.Violation("grade-requires-active-organization",
                    $"A {Terms.Status(command.Status)} organization holds no grade: a grade ends with deregistration " +
                    "and revocation.");
            }
        }

        if (command.GradeEvaluatedOn is { } evaluatedOn
            && (command.Grade is null || evaluatedOn < command.RegisteredOn || evaluatedOn > today))
        {
            throw DomainException.Invalid("grade-date", "gradeEvaluatedOn", command.Grade is null
                ? "'gradeEvaluatedOn' is the day the row's grade was evaluated; the row has no grade."
                : $"'gradeEvaluatedOn' is the day the grade was evaluated: on or after the registration " +
                  $"({command.RegisteredOn:yyyy-MM-dd}) and not after today.");
        }
    }

    /// <summary>
    /// The office is a 6-digit division code, and positions 3-8 of a civil-affairs code name it (GB 32100-2015: the
    /// registering authority's division, as its code was on the registration date). Whether that division was in
    /// force on that date is the division history's answer, asked by the grain.
    /// </summary>
    public static void CheckOffice(string code, string office)
    {
        if (office is not { Length: 6 } || !DivisionCode.IsWellFormed(office))
        {
            throw DomainException.Invalid("division-code-format", "registeringOffice",
                "The registering office is a 6-digit division code (GB/T 2260).");
        }

        var division = UnifiedSocialCreditCode.DivisionCodeOf(code);
        if (division != office)
        {
            throw DomainException.Violation("uscc-division-office-mismatch",
                $"Positions 3-8 of the code name division {division}, but the registering office is {office}: a " +
                "code names the division of the office that registered the organization, as on the registration date.");
        }
    }

    /// <summary>The code's own rules, in the order a registrar would check them; returns true for a legacy code.</summary>
    public static bool CheckCode(string code, OrganizationKind kind, string? legacyOverrideReason)
    {
        var defects = UnifiedSocialCreditCode.Inspect(code, kind);
        if (defects.Contains(UsccDefect.Format))
        {
            throw DomainException.Invalid("uscc-format", "uscc",
                $"A Unified Social Credit Code is {UnifiedSocialCreditCode.Length} characters of " +
                $"{UnifiedSocialCreditCode.Alphabet} (upper case; no I, O, S, V, Z).");
        }

        if (defects.Contains(UsccDefect.RegistrationAuthority))
        {
            throw DomainException.Invalid("uscc-registration-authority", "uscc",
                $"Position 1 of a code issued by civil affairs is {UnifiedSocialCreditCode.CivilAffairsAuthority}; this one has {code[0]}.");
        }

        if (defects.Contains(UsccDefect.KindMismatch))
        {
            throw DomainException.Invalid("uscc-kind-mismatch", "uscc",
                $"Position 2 of the code of a {Terms.Kind(kind)} is {UnifiedSocialCreditCode.KindDigit(kind)}; this one has {code[1]}.");
        }

        var checkFails = defects.Contains(UsccDefect.CheckCharacter);
        if (legacyOverrideReason is not null)
        {
            if (string.IsNullOrWhiteSpace(legacyOverrideReason))
            {
                throw DomainException.Invalid("field-required", "legacyCodeOverride.reason",
                    "A legacy-code override states its reason.");
            }

            if (!checkFails)
            {
                throw DomainException.Invalid("legacy-override-unneeded", "legacyCodeOverride",
                    "The code's check character is correct; a legacy-code override applies only to codes failing it.");
            }

            CheckText("legacyCodeOverride.reason", legacyOverrideReason, MaxLongTextLength);
            return true;
        }

        if (checkFails)
        {
            var expected = UnifiedSocialCreditCode.CheckCharacter(code.AsSpan(0, UnifiedSocialCreditCode.Length - 1));
            throw DomainException.Invalid("uscc-check-character", "uscc",
                $"The check character (position 18) should be {expected}, not {code[^1]}. A registrar may record a " +
                "legacy code failing only this check with a legacyCodeOverride stating the reason.");
        }

        return false;
    }

    /// <summary>The particulars a change alters (trimmed values that differ); refuses an empty or no-op change.</summary>
    public static IReadOnlyList<FieldChange> CheckChange(OrganizationState state, ChangeOrganization command)
    {
        CheckReason(command.Reason);
        var changes = new List<FieldChange>();

        void Consider(string field, string? value, string current, int maxLength)
        {
            if (value is null)
            {
                return;
            }

            CheckText(field, value, maxLength);
            if (value.Trim() != current)
            {
                changes.Add(new FieldChange(field, current, value.Trim()));
            }
        }

        Consider("name", command.Name, state.Name, MaxNameLength);
        Consider("legalRepresentative", command.LegalRepresentative, state.LegalRepresentative, MaxParticularLength);
        Consider("address", command.Address, state.Address, MaxParticularLength);
        Consider("businessScope", command.BusinessScope, state.BusinessScope, MaxLongTextLength);
        if (changes.Count == 0)
        {
            throw DomainException.Violation("organization-unchanged",
                "The change names no particular that differs from the record.");
        }

        return changes;
    }

    public static void EnsureActive(OrganizationState state)
    {
        if (state.Status == OrganizationStatus.Deregistered)
        {
            throw DomainException.Conflict("organization-deregistered",
                $"Organization {state.Uscc} was deregistered{On(state.DeregisteredOn)}; its record is read-only.");
        }

        if (state.Status == OrganizationStatus.Revoked)
        {
            throw DomainException.Conflict("organization-revoked",
                $"The registration of {state.Uscc} was revoked{On(state.RevokedOn)}; its record is read-only.");
        }
    }

    // A record entered from the existing register may carry its status without the date (not in the source).
    private static string On(DateOnly? date) => date is { } known ? $" on {known:yyyy-MM-dd}" : " (date not recorded)";

    /// <summary>
    /// Refuses a value naming no member of <typeparamref name="T"/>: the API's JSON enum converter also reads numbers,
    /// so a body can carry one.
    /// </summary>
    public static void CheckDefined<T>(string field, T value)
        where T : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw DomainException.Invalid("value-out-of-range", field,
                $"'{field}' is one of {ApiTerms.Values<T>()}.");
        }
    }

    public static void CheckReason(string? reason, string field = "reason")
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw DomainException.Invalid("field-required", field, $"'{field}' is required.");
        }

        CheckText(field, reason, MaxLongTextLength);
    }

    public static void CheckText(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw DomainException.Invalid("field-required", field, $"'{field}' is required.");
        }

        CheckOptionalText(field, value, maxLength);
    }

    /// <summary>An optional text as stored: trimmed, and null when blank (not given).</summary>
    public static string? OptionalText(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static void CheckOptionalText(string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return;
        }

        if (!IsWellFormedText(value))
        {
            throw DomainException.Invalid("text-malformed", field, $"'{field}' contains an unpaired surrogate character.");
        }

        if (value.Trim().Length > maxLength)
        {
            throw DomainException.Invalid("text-too-long", field, $"'{field}' is limited to {maxLength} characters.");
        }
    }

    /// <summary>False when the text holds an unpaired UTF-16 surrogate (it cannot be normalised or stored as UTF-8).</summary>
    public static bool IsWellFormedText(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return false;
            }
        }

        return true;
    }
}
