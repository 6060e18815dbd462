using System.Globalization;
using System.Text.RegularExpressions;
using Registry.Abstractions.Errors;

namespace Registry.Abstractions.Places;

/// <summary>
/// A house number as real addresses write it: a base number from 1 (12号), optionally with a celestial-stem prefix
/// for a building added beside it (甲12号, 乙12号, ...) or a sub-number (12-1号, written 12之1号 in some cities; both
/// notations are the same number). The base number's parity gives the side (odd left, even right: 左单右双), and a
/// sub-number lies on its base number's side. <see cref="Key"/> is the canonical form two notations share. Pure.
/// </summary>
[GenerateSerializer, Alias("Registry.Places.HouseNumber")]
public sealed partial record HouseNumber(
    [property: Id(0)] string? Prefix,
    [property: Id(1)] int Base,
    [property: Id(2)] int? Sub,
    [property: Id(3)] bool ZhiNotation)
{
    /// <summary>The celestial stems used as prefixes, in order.</summary>
    public const string Stems = "甲乙丙丁戊己庚辛壬癸";

    public const int MaxBase = 99_999;

    /// <summary>Base numbers per block of a street (<see cref="IHouseNumberBlockGrain"/>): block b holds b*100 ..
    /// b*100+99.</summary>
    public const int BlockSize = 100;

    /// <summary>The block of this number's base number.</summary>
    public int Block => Base / BlockSize;

    /// <summary>The grain key of the block holding this number on street <paramref name="streetId"/>.</summary>
    public string BlockKey(string streetId) => BlockKey(streetId, Block);

    /// <summary>The grain key of block <paramref name="block"/> of street <paramref name="streetId"/>.</summary>
    public static string BlockKey(string streetId, int block) =>
        $"{streetId}|{block.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Canonical key: 12, 甲12, 12-1.</summary>
    public string Key => Prefix is not null ? $"{Prefix}{Base}" : Sub is { } sub ? $"{Base}-{sub}" : $"{Base}";

    /// <summary>The number as written on the plate: 12号, 甲12号, 12-1号, 12之1号.</summary>
    public string Label => Prefix is not null ? $"{Prefix}{Base}号"
        : Sub is { } sub ? (ZhiNotation ? $"{Base}之{sub}号" : $"{Base}-{sub}号") : $"{Base}号";

    public bool IsSubNumber => Prefix is not null || Sub is not null;

    public StreetSide Side => Base % 2 == 1 ? StreetSide.Left : StreetSide.Right;

    /// <summary>Parses a written house number (with or without 号; ASCII or full-width digits and hyphen); throws
    /// <c>house-number-format</c> (400) on field <paramref name="field"/> otherwise.</summary>
    public static HouseNumber Parse(string? text, string field = "number")
    {
        var normalized = (text ?? "").Trim().Normalize(System.Text.NormalizationForm.FormKC).Replace('－', '-');
        var match = Pattern().Match(normalized);
        if (!match.Success)
        {
            throw DomainException.Invalid("house-number-format", field,
                "A house number is a whole number from 1, optionally with a prefix 甲-癸 (甲12号) or a sub-number (12-1号, 12之1号).");
        }

        var number = int.Parse(match.Groups["base"].Value, CultureInfo.InvariantCulture);
        int? sub = match.Groups["sub"].Success ? int.Parse(match.Groups["sub"].Value, CultureInfo.InvariantCulture) : null;
        if (number is < 1 or > MaxBase || sub is < 1 or > 999)
        {
            throw DomainException.Invalid("house-number-format", field,
                $"A house number runs from 1 to {MaxBase}, a sub-number from 1 to 999.");
        }

        var prefix = match.Groups["prefix"].Success ? match.Groups["prefix"].Value : null;
        return new HouseNumber(prefix, number, sub, match.Groups["zhi"].Success);
    }

    [GeneratedRegex(@"^(?:(?<prefix>[甲乙丙丁戊己庚辛壬癸])(?<base>[0-9]{1,6})|(?<base>[0-9]{1,6})(?:(?:-|(?<zhi>之))(?<sub>[0-9]{1,4}))?)号?$")]
    private static partial Regex Pattern();
}
