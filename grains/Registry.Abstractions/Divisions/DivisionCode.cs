namespace Registry.Abstractions.Divisions;

/// <summary>
/// Division codes per GB/T 2260 (6 digits: province, city, county) and the statistical township code (9 digits).
/// </summary>
public static class DivisionCode
{
    /// <summary>True for a string of exactly 6 or 9 ASCII digits whose province part is not 00.</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: 6 or 9 } && code.All(char.IsAsciiDigit) && code[..2] != "00";

    /// <summary>Pads a 2-digit province or 4-digit city code of the statistical lists to its 6-digit form.</summary>
    public static string Pad(string shortCode) => shortCode.PadRight(6, '0');
}
