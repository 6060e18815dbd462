using Registry.Abstractions.Divisions;
using Registry.Hosting.Divisions;

namespace Registry.Grains.Tests.Divisions;

/// <summary>
/// Real county codes that changed between the shipped official editions (ReferenceData/divisions/editions), found
/// by comparing them, so tests of "as of the record's date" checks use codes the history really ends or starts
/// (e.g. 371202 莱城区, listed in 2017 and gone by 2020 when 莱芜市 became part of 济南市).
/// </summary>
public static class EditionChanges
{
    private static readonly Lazy<IReadOnlyList<DivisionEdition>> editions = new(() =>
        ShippedEditions.All().OrderBy(e => e.CutOff).Select(e => DivisionEdition.Read(e.CutOff, e.Directory)).ToList());

    public static DivisionEdition Earliest => editions.Value[0];

    public static DivisionEdition Latest => editions.Value[^1];

    /// <summary>Whether <paramref name="code"/> is listed in every shipped edition.</summary>
    public static bool InEveryEdition(string code) => editions.Value.All(e => e.Rows.ContainsKey(code));

    /// <summary>County codes in the earliest edition and in none after it, in code order.</summary>
    public static IReadOnlyList<string> EndedCounties { get; } = Counties(Earliest)
        .Where(code => editions.Value.Skip(1).All(e => !e.Rows.ContainsKey(code)))
        .Order(StringComparer.Ordinal).ToList();

    /// <summary>County codes absent from the earliest edition and in every later one, in code order.</summary>
    public static IReadOnlyList<string> NewCounties { get; } = Counties(Latest)
        .Where(code => !Earliest.Rows.ContainsKey(code) && editions.Value.Skip(1).All(e => e.Rows.ContainsKey(code)))
        .Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Counties that took a new code between two consecutive editions (a county becoming a district or a city, e.g.
    /// 610322 凤翔县 -> 610305 凤翔区): the old code listed in one edition and gone from the next, the new code absent
    /// from the first and listed in the next under the same parent, the names alike but for the last character.
    /// <c>Listed</c> is the cut-off of the edition that still lists the old code, <c>Gone</c> that of the next.
    /// </summary>
    public static IReadOnlyList<(string Old, string OldName, string Parent, string New, DateOnly Listed, DateOnly Gone)>
        RecodedCounties
    { get; } = editions.Value.Zip(editions.Value.Skip(1))
        .SelectMany(pair => Counties(pair.First)
            .Where(old => !pair.Second.Rows.ContainsKey(old))
            .SelectMany(old => Counties(pair.Second)
                .Where(code => !pair.First.Rows.ContainsKey(code)
                    && pair.Second.Rows[code].ParentCode == pair.First.Rows[old].ParentCode
                    && pair.Second.Rows[code].Name[..^1] == pair.First.Rows[old].Name[..^1])
                .Select(code => (old, pair.First.Rows[old].Name, pair.First.Rows[old].ParentCode!, code,
                    pair.First.CutOff, pair.Second.CutOff))))
        .OrderBy(p => p.old, StringComparer.Ordinal).ToList();

    /// <summary>The name the earliest edition gives a code.</summary>
    public static string EarliestName(string code) => Earliest.Rows[code].Name;

    private static IEnumerable<string> Counties(DivisionEdition edition) =>
        edition.Rows.Where(row => row.Value.Level == DivisionLevel.County).Select(row => row.Key);
}
