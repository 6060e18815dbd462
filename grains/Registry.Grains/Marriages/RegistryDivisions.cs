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
    /// <paramref name="date"/>: marriage registration is done by the civil-affairs departments of counties and of
    /// cities. Throws <c>office-code-format</c> (400), <c>office-unknown</c>, <c>office-not-in-force</c> or
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

        DivisionSummary division;
        try
        {
            division = await grains.Get<IDivisionGrain>(office).GetSummaryAsync(date);
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            throw DomainException.Violation("office-unknown", $"No division {office} is recorded.");
        }

        if (division.Status != DivisionStatus.InForce)
        {
            throw DomainException.Violation("office-not-in-force",
                $"Division {office} ({division.Name}) is not in force on {date:yyyy-MM-dd}.");
        }

        if (division.Level is not (DivisionLevel.County or DivisionLevel.Prefecture)
            && !(allowProvince && division.Level == DivisionLevel.Province))
        {
            throw DomainException.Violation("office-level",
                $"Division {office} ({division.Name}) is a {division.Level.ToString().ToLowerInvariant()}; " +
                "marriages are registered by county-level and city-level offices.");
        }
    }
}
