using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;

namespace Registry.Grains.Marriages;

/// <summary>Checks against the division registry that the marriage feature makes: registry offices (ID numbers'
/// address codes: <see cref="RecordedProvinces"/>).</summary>
public static class RegistryDivisions
{
    /// <summary>
    /// A registry office is a county-level or prefecture-level division (6-digit code) in force on
    /// <paramref name="date"/> by the division history (an office whose division has since been merged or abolished
    /// was one on the dates it was in force): marriage registration is done by the civil-affairs departments of
    /// counties and of cities. Throws <c>office-code-format</c> (400), <c>office-unknown</c>, <c>office-not-in-force</c> or
    /// <c>office-level</c> (422). <paramref name="allowProvince"/>: a province's civil-affairs department also
    /// registers (marriages with a party who is not a mainland resident).
    /// </summary>
    public static async Task EnsureOfficeAsync(IGrainFactory grains, string? office, DateOnly date,
        string field = "office", bool allowProvince = false)
    {
        if (office is not { Length: 6 } || !DivisionCode.IsWellFormed(office))
        {
            throw DomainException.Invalid("office-code-format", field,
                "An office is named by its 6-digit division code (GB/T 2260).");
        }

        // The one in-force question of the division history (DivisionLookup), with the rules named after the office;
        // a date before anything the registry knows of the code (an archive record) is not refused. Only the office's
        // own status and level matter here, so its parent chain is not asked for (one grain call, not three).
        var division = await grains.EnsureDivisionInForceAsync(office, date, "office", "Office");

        if (division.Level is not (DivisionLevel.County or DivisionLevel.Prefecture)
            && !(allowProvince && division.Level == DivisionLevel.Province))
        {
            throw DomainException.Violation("office-level",
                $"Division {office} ({division.Name}) is a {division.Level.ToString().ToLowerInvariant()} on " +
                $"{date:yyyy-MM-dd}; marriages are registered by county-level and city-level offices" +
                (allowProvince ? " and by provinces' civil-affairs departments." : "."));
        }
    }
}
