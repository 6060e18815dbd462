using Registry.Abstractions.Divisions;
using Registry.Abstractions.Text;

namespace Registry.Hosting.Divisions;

/// <summary>
/// Reads the official statistical division lists (provinces, cities, counties, townships; see
/// ReferenceData/divisions/ATTRIBUTION.md). The registry's history is seeded from the editions
/// (<see cref="ShippedEditions"/>); the flat 2023 lists here serve tests and the geometry seeder.
/// </summary>
public static class DivisionReferenceData
{
    /// <summary>The folder shipped beside the silo's assemblies.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "ReferenceData", "divisions");

    /// <summary>Loads every division of the 2023 lists, parents before children, each with its children (for tests
    /// that pick real divisions).</summary>
    public static IReadOnlyList<ReferenceDivision> Load(string directory)
    {
        var byCode = new Dictionary<string, ReferenceDivision>(StringComparer.Ordinal);
        var ordered = new List<ReferenceDivision>();

        void Add(string code, string name, DivisionLevel level, string? parent)
        {
            // 东莞, 中山 and 儋州 have no counties: the county list repeats the prefecture under its own code.
            if (byCode.ContainsKey(code))
            {
                return;
            }

            var division = new ReferenceDivision(code, level, name, parent);
            byCode.Add(code, division);
            ordered.Add(division);
            if (parent is not null)
            {
                if (!byCode.TryGetValue(parent, out var parentDivision))
                {
                    throw new InvalidDataException($"Division {code} names parent {parent}, which is not listed.");
                }

                parentDivision.Children.Add(new ReferenceChild(code));
            }
        }

        foreach (var row in ReadRows(directory, "divisions-2023-provinces.csv"))
        {
            Add(DivisionCode.Pad(row[0]), row[1], DivisionLevel.Province, null);
        }

        foreach (var row in ReadRows(directory, "divisions-2023-cities.csv"))
        {
            Add(DivisionCode.Pad(row[0]), row[1], DivisionLevel.Prefecture, DivisionCode.Pad(row[2]));
        }

        foreach (var row in ReadRows(directory, "divisions-2023-areas.csv"))
        {
            Add(row[0], row[1], DivisionLevel.County, DivisionCode.Pad(row[2]));
        }

        foreach (var row in ReadRows(directory, "divisions-2023-streets.csv"))
        {
            Add(row[0], row[1], DivisionLevel.Township, row[2]);
        }

        return ordered;
    }

    /// <summary>As <see cref="Load(string)"/>; the event argument of the former seeding API is not used.</summary>
    public static IReadOnlyList<ReferenceDivision> Load(string directory, DivisionEvent unused) => Load(directory);

    /// <summary>The rows of one CSV file of a division list (header skipped); throws naming a malformed line.</summary>
    public static IEnumerable<string[]> ReadRows(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty.");
        var width = CsvLine.Fields(header)?.Count
            ?? throw new InvalidDataException($"{path}: the header's quoting is broken.");
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = CsvLine.Fields(line)?.ToArray();
            if (fields is null || fields.Length != width || !DivisionCode.IsWellFormed(DivisionCode.Pad(fields[0])))
            {
                throw new InvalidDataException($"{path}:{lineNumber}: not a division row: {line}");
            }

            yield return fields;
        }
    }
}
