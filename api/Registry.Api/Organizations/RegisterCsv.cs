using System.Text;

namespace Registry.Api.Organizations;

/// <summary>
/// Reads the lines of a CSV text (RFC 4180 quoting: a field in double quotes may hold commas and doubled quotes; a
/// line break inside quotes is not allowed, so a broken quote costs one row, not the rest of the file). Pure.
/// </summary>
public static class RegisterCsv
{
    /// <summary>The fields of one line, or null when its quoting is broken.</summary>
    public static IReadOnlyList<string>? Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i += 2;
                    continue;
                }

                if (c == '"')
                {
                    quoted = false;
                    if (i + 1 < line.Length && line[i + 1] != ',')
                    {
                        return null;
                    }
                }
                else
                {
                    field.Append(c);
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

            i++;
        }

        if (quoted)
        {
            return null;
        }

        fields.Add(field.ToString());
        return fields;
    }
}
