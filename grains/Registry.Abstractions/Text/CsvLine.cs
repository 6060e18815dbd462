using System.Text;

namespace Registry.Abstractions.Text;

/// <summary>
/// Splits one line of CSV text (RFC 4180 quoting: a field that starts with a double quote may hold commas and doubled
/// quotes, and its closing quote ends the field). A line break inside quotes is not allowed, so a broken quote costs
/// one row of an import, not the rest of the file. The one CSV reader of the registry: imports, reference data and
/// examples all read lines through it. Pure.
/// </summary>
public static class CsvLine
{
    /// <summary>The fields of <paramref name="line"/>, untrimmed; null when its quoting is broken (a quote left open,
    /// or text after a closing quote before the next comma).</summary>
    public static IReadOnlyList<string>? Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (i + 1 < line.Length && line[i + 1] != ',')
                {
                    return null;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        fields.Add(field.ToString());
        return fields;
    }
}
