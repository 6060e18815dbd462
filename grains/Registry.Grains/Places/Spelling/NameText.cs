using System.Text;

namespace Registry.Grains.Places.Spelling;

/// <summary>
/// A standard name as units: each Han character one unit, each run of Arabic digits (1203高地) one unit; each
/// character with its readings, narrowed to the place-name reading where <see cref="PlaceReadings"/> knows the word
/// (rule 8). Immutable.
/// </summary>
public sealed class NameText
{
    private readonly string[] units;
    private readonly IReadOnlyList<string>[] all;
    private readonly IReadOnlyList<string>[] place;
    private readonly bool[] known;

    public NameText(string name)
    {
        Value = name;
        var list = new List<string>();
        var digits = new StringBuilder();
        foreach (var rune in name.EnumerateRunes())
        {
            if (rune.Value is >= '0' and <= '9')
            {
                digits.Append((char)rune.Value);
                continue;
            }

            if (digits.Length > 0)
            {
                list.Add(digits.ToString());
                digits.Clear();
            }

            list.Add(rune.ToString());
        }

        if (digits.Length > 0)
        {
            list.Add(digits.ToString());
        }

        units = [.. list];
        all = units.Select(u => IsDigitText(u) ? [] : PinyinTable.Shared.ReadingsOf(char.ConvertToUtf32(u, 0))).ToArray();
        place = [.. all];
        known = all.Select(r => r.Count <= 1).ToArray();
        ApplyWordTable();
    }

    public string Value { get; }

    public int Count => units.Length;

    public string Text(int index) => units[index];

    public bool IsDigits(int index) => IsDigitText(units[index]);

    public bool IsHan(int index) => !IsDigits(index);

    /// <summary>The readings allowed in a place name: the word table's where it knows the word, else every reading.</summary>
    public IReadOnlyList<string> Readings(int index) => place[index];

    /// <summary>Every reading of the character in the character table.</summary>
    public IReadOnlyList<string> AllReadings(int index) => all[index];

    /// <summary>Whether the place-name reading is determined (one reading, or the word table knows it).</summary>
    public bool ReadingKnown(int index) => known[index];

    public string Slice(int start, int end) => string.Concat(units[start..end]);

    public bool IsKnownSpecific(int start, int end) => end - start >= 2 && PlaceReadings.Shared.IsKnownSpecific(Slice(start, end));

    /// <summary>The unit index where <paramref name="term"/> ends the name, or null.</summary>
    public int? EndsWith(string term)
    {
        var text = "";
        for (var start = Count - 1; start >= 0; start--)
        {
            text = units[start] + text;
            if (text.Length >= term.Length)
            {
                return text == term ? start : null;
            }
        }

        return null;
    }

    private static bool IsDigitText(string unit) => unit[0] is >= '0' and <= '9';

    private void ApplyWordTable()
    {
        var table = PlaceReadings.Shared;
        var i = 0;
        while (i < Count)
        {
            var matched = 0;
            for (var length = Math.Min(table.LongestWord, Count - i); length >= 2; length--)
            {
                if (table.TryGet(Slice(i, i + length), out var readings) && readings.Count == length)
                {
                    for (var k = 0; k < length; k++)
                    {
                        place[i + k] = [readings[k]];
                        known[i + k] = true;
                    }

                    matched = length;
                    break;
                }
            }

            i += Math.Max(matched, 1);
        }
    }
}
