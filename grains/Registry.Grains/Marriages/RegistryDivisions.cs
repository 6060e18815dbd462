using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Text;

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
                $"Division {office} ({division.Name}) is a {ApiTerms.Value(division.Level)} on " +
                $"{date:yyyy-MM-dd}; marriages are registered by county-level and city-level offices" +
                (allowProvince ? " and by provinces' civil-affairs departments." : "."));
        }
    }

    /// <summary>The day the Marriage Registration Regulations of 2003 took effect: from it, cities' marriages were
    /// registered by county-level civil-affairs departments, no longer by street offices (街道办事处).</summary>
    public static readonly DateOnly StreetOfficesRegisteredUntil = new(2003, 10, 1);

    /// <summary>
    /// The office of a record from the archive, on its date: an office <see cref="EnsureOfficeAsync"/> accepts (a
    /// province's department included), or a township-level government that registered marriages by the regulations
    /// of the day (9-digit statistical code, its kind in digits 7-9 by GB/T 10114): a town or township (镇 100-199,
    /// 乡 and 民族乡 200-399) on any date (Marriage Registration Administration Regulations 1994, art. 5; Marriage
    /// Registration Regulations 2003 and 2025, art. 2, where the province designated it), a street office (街道,
    /// 001-099) before <see cref="StreetOfficesRegisteredUntil"/> (1994 Regulations, art. 5). Throws as
    /// <see cref="EnsureOfficeAsync"/>; <c>office-level</c> for any other township-level unit, or a street office
    /// after that day.
    /// </summary>
    public static async Task EnsureArchiveOfficeAsync(IGrainFactory grains, string? office, DateOnly date,
        string field = "office")
    {
        if (office is not { Length: 9 } || !DivisionCode.IsWellFormed(office))
        {
            await EnsureOfficeAsync(grains, office, date, field, allowProvince: true);
            return;
        }

        var division = await grains.EnsureDivisionInForceAsync(office, date, "office", "Office");
        var kind = int.Parse(office.AsSpan(6, 3), System.Globalization.CultureInfo.InvariantCulture);
        if (division.Level != DivisionLevel.Township || kind is 0 or >= 400)
        {
            throw DomainException.Violation("office-level",
                $"Division {office} ({division.Name}) is not a town's, a township's or a street office's " +
                "government; of the divisions below a county, only those registered marriages.");
        }

        if (kind < 100 && date >= StreetOfficesRegisteredUntil)
        {
            throw DomainException.Violation("office-level",
                $"Street office {office} ({division.Name}) registered marriages until " +
                $"{StreetOfficesRegisteredUntil.AddDays(-1):yyyy-MM-dd} (Marriage Registration Administration " +
                "Regulations 1994, art. 5); from the Regulations of 2003 on, the county-level civil-affairs " +
                $"department did: a record of {date:yyyy-MM-dd} names that office.");
        }
    }
}
