using System.Globalization;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>
/// The place-name code (地名代码) of a record, structured as the national place-name database codes are: the
/// administrative division code of where the name lies, then the category code, then a serial. Here: 9 digits of
/// division (the 6-digit GB/T 2260 county-level code and the 3-digit GB/T 10114 township code, <c>000</c> for a name
/// recorded at county level or above), 2 digits of category (the eight categories of the Regulations, art. 2, 01-08
/// as <see cref="PlaceCategory"/> numbers; GB/T 18521's finer class table is not shipped), 5 digits of serial: 16
/// digits. Names of the official statistical lists keep their statistical serial (the last 3 digits of their code,
/// under their parent division, 000 included): 00000-00999; the registry gives serials from <see cref="FirstRegistrySerial"/> on,
/// so the two never meet. Pure.
/// </summary>
public static class PlaceNameCode
{
    public const int Length = 16;

    public const int FirstRegistrySerial = 1_000;

    public const int MaxSerial = 99_999;

    /// <summary>The division and category part (11 digits) under which serials are counted.</summary>
    public static string Prefix(string divisionCode, PlaceCategory category) =>
        divisionCode.PadRight(9, '0') + ((int)category).ToString("00", CultureInfo.InvariantCulture);

    /// <summary>The code of serial <paramref name="serial"/> under <paramref name="prefix"/>; a 422 when the
    /// serials of the prefix are used up.</summary>
    public static string Compose(string prefix, int serial) =>
        serial is >= 0 and <= MaxSerial
            ? prefix + serial.ToString("00000", CultureInfo.InvariantCulture)
            : throw DomainException.Violation("place-name-code-exhausted",
                $"The serials of division and category {prefix} are used up ({MaxSerial}).");

    /// <summary>The code of a name of the official lists: under its parent division, its statistical serial.</summary>
    public static string OfListed(string statisticalCode, string parentCode, PlaceCategory category) =>
        Compose(Prefix(parentCode, category), int.Parse(statisticalCode[^3..], CultureInfo.InvariantCulture));
}
