using Registry.Abstractions.Divisions;
using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>
/// The scope within which a name must not repeat or sound the same (Regulations art. 10; DOMAIN.md), from the
/// division hierarchy. For <see cref="PlaceCategory.AdministrativeDivision"/> the division code is the division
/// named: county and above nationwide, a township within its county. Streets and roads: within the town (a
/// township named 镇 or 乡), else within the county-level city or county (named 市, 县 or 旗), else within the
/// prefecture-level city. Villages: within the township (the county when no township is given). Other categories:
/// within the county (the division itself above county level). Pure.
/// </summary>
public static class DuplicateScope
{
    public const string Nationwide = "CN";

    /// <param name="category">The category of the name.</param>
    /// <param name="lineage">The division and its ancestors, nearest first.</param>
    public static string Of(PlaceCategory category, IReadOnlyList<DivisionSummary> lineage)
    {
        var self = lineage[0];
        var township = lineage.FirstOrDefault(d => d.Level == DivisionLevel.Township);
        var county = lineage.FirstOrDefault(d => d.Level == DivisionLevel.County);
        var prefecture = lineage.FirstOrDefault(d => d.Level == DivisionLevel.Prefecture);
        return category switch
        {
            PlaceCategory.AdministrativeDivision =>
                self.Level == DivisionLevel.Township && county is not null ? county.Code : Nationwide,
            PlaceCategory.Street when township is not null && (township.Name.EndsWith('镇') || township.Name.EndsWith('乡')) =>
                township.Code,
            PlaceCategory.Street when county is not null
                                      && (county.Name.EndsWith('市') || county.Name.EndsWith('县') || county.Name.EndsWith('旗')) =>
                county.Code,
            PlaceCategory.Street => (prefecture ?? county ?? self).Code,
            PlaceCategory.VillageSeat => (township ?? county ?? self).Code,
            _ => (county ?? self).Code,
        };
    }

    /// <summary>The claim keys of a name: its characters and its toneless spelling, within scope and category. A
    /// name in force whose spelling is not complete (a character with no known reading,
    /// <see cref="PlaceSpelling.SuggestInForce"/>) holds no spelling key: the spelling would sound like names it is not.</summary>
    public static IReadOnlyList<string> ClaimKeys(string scope, PlaceCategory category, string name, string romanization,
        bool spellingComplete = true)
    {
        var spelling = spellingComplete ? PlaceSpelling.SpellingKey(romanization) : "";
        return spelling.Length == 0
            ? [$"{scope}|{category}|h:{name}"]
            : [$"{scope}|{category}|h:{name}", $"{scope}|{category}|p:{spelling}"];
    }
}
