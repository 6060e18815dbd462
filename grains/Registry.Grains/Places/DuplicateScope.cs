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

    /// <summary>
    /// Whether the scopes of a name depend on the townships of its division (<see cref="Scopes"/>): a street or a
    /// village-level seat given under a county-level division rather than under one of its townships.
    /// </summary>
    public static bool NeedsTownships(PlaceCategory category, IReadOnlyList<DivisionSummary> lineage) =>
        category is PlaceCategory.Street or PlaceCategory.VillageSeat && lineage[0].Level == DivisionLevel.County;

    /// <summary>
    /// The scopes a name claims its keys in: its own (<see cref="Of"/>) and, for a name given under a county-level
    /// division whose category is scoped by township where a township is given (a street in a town, 镇 or 乡; a
    /// village-level seat in any township), the scope it would have under each township of that division
    /// (<paramref name="townships"/>, its children; ignored unless <see cref="NeedsTownships"/>). Without township
    /// outlines nothing places such a name outside a town, so it is taken to lie in any of them: a street under 正定县
    /// 130123 collides with the same street under 正定镇 130123100, either entered first, while streets of the same
    /// name in two towns of the county do not collide with each other. Conservative; pure.
    /// </summary>
    public static IReadOnlyList<string> Scopes(PlaceCategory category, IReadOnlyList<DivisionSummary> lineage,
        IReadOnlyList<DivisionSummary> townships)
    {
        var own = Of(category, lineage);
        if (!NeedsTownships(category, lineage))
        {
            return [own];
        }

        return new[] { own }.Concat(townships.Where(t => t.Level == DivisionLevel.Township)
                .Select(t => Of(category, [t, .. lineage])))
            .Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The claim keys of a name in each of its scopes (<see cref="Scopes"/>).</summary>
    public static IReadOnlyList<string> ClaimKeys(IReadOnlyList<string> scopes, PlaceCategory category, string name,
        string romanization, bool spellingComplete = true) =>
        scopes.SelectMany(scope => ClaimKeys(scope, category, name, romanization, spellingComplete)).ToList();

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
