using System.Text.RegularExpressions;
using Registry.Abstractions.Divisions;

namespace Registry.Abstractions.Boundaries;

/// <summary>
/// Which area a division geometry record describes. Either a registry division code (6-digit GB/T 2260 or 9-digit
/// township code), which must name a division the registry records; or a reference area of another scheme,
/// written <c>scheme:id</c> (e.g. <c>ne-adm1:CHN-1150</c> for Natural Earth admin-1 areas, <c>us-fips:04015</c>):
/// areas outside the registry's remit (neighbouring countries, other datasets) that GIS staff overlay. A reference
/// area carries its own name and level; the registry does not manage its lifecycle.
/// </summary>
public static partial class DivisionRef
{
    public const int MaxLength = 57;

    /// <summary>The scheme reserved for the registry's own codes (never written explicitly).</summary>
    public const string RegistryScheme = "cn";

    public static bool IsRegistryCode(string? key) => DivisionCode.IsWellFormed(key);

    public static bool IsReference(string? key) =>
        key is { Length: <= MaxLength } && ReferencePattern().IsMatch(key) &&
        !key.StartsWith(RegistryScheme + ":", StringComparison.Ordinal);

    public static bool IsWellFormed(string? key) => IsRegistryCode(key) || IsReference(key);

    /// <summary>The scheme of a reference key, or <see cref="RegistryScheme"/> for a registry code.</summary>
    public static string SchemeOf(string key) => IsReference(key) ? key[..key.IndexOf(':')] : RegistryScheme;

    /// <summary>The id part of a reference key, or the code itself.</summary>
    public static string IdOf(string key) => IsReference(key) ? key[(key.IndexOf(':') + 1)..] : key;

    /// <summary>
    /// The level a registry code's shape implies: 9 digits township; 6 digits ending 0000 province, ending 00
    /// prefecture, otherwise county.
    /// </summary>
    public static DivisionLevel LevelOfCode(string code) => code.Length == 9
        ? DivisionLevel.Township
        : code.EndsWith("0000", StringComparison.Ordinal)
            ? DivisionLevel.Province
            : code.EndsWith("00", StringComparison.Ordinal) ? DivisionLevel.Prefecture : DivisionLevel.County;

    [GeneratedRegex("^[a-z][a-z0-9-]{1,15}:[A-Za-z0-9._-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
