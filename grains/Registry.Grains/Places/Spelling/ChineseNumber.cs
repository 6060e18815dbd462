namespace Registry.Grains.Places.Spelling;

/// <summary>Reads a well-formed Chinese numeral (一 to 九百九十九, with 零/〇) as its value; 三八 or 五一 are not numbers.</summary>
public static class ChineseNumber
{
    public const string Digits = "零〇一二三四五六七八九";

    public const string Characters = Digits + "十百";

    /// <summary>The value, or null when the text is not a well-formed numeral.</summary>
    public static int? Parse(string text)
    {
        if (text.Length == 0 || text.Any(c => !Characters.Contains(c, StringComparison.Ordinal)))
        {
            return null;
        }

        var value = 0;
        var i = 0;
        if (Take('百') is { } hundreds)
        {
            value += hundreds * 100;
            if (i < text.Length && text[i] is '零' or '〇')
            {
                i++;
            }
        }

        if (Take('十') is { } tens)
        {
            value += tens * 10;
        }
        else if (i < text.Length && text[i] == '十' && value == 0)
        {
            value += 10;
            i++;
        }

        if (i < text.Length && DigitOf(text[i]) is { } units and > 0)
        {
            value += units;
            i++;
        }

        return i == text.Length && value > 0 ? value : null;

        int? Take(char unit)
        {
            if (i + 1 < text.Length && DigitOf(text[i]) is { } d and > 0 && text[i + 1] == unit)
            {
                i += 2;
                return d;
            }

            return null;
        }
    }

    private static int? DigitOf(char c) => Digits.IndexOf(c, StringComparison.Ordinal) switch
    {
        < 0 => null,
        0 or 1 => 0,
        var index => index - 1,
    };
}
