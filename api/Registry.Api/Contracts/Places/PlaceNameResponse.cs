using System.Text.Json;
using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>A place-name record. <c>external</c> is set (and <c>status</c> is <c>reference</c>) for a name from
/// another gazetteer, which is not a standard name. <c>romanizationLanguage</c> names the minority language the Roman
/// spelling is transliterated from (null for Hanyu Pinyin). <c>name</c>, <c>romanization</c> and <c>status</c> are
/// those in force today; <c>names</c> every approved name with its dates (one approved to take effect later included);
/// <c>changes</c> the renames and abolitions with their approval. <c>code</c> is the place-name code (地名代码) given on
/// approval or recording; <c>flags</c> (registrar only) the current names a recorded name duplicates or sounds like;
/// <c>characterFlags</c> the classes of a recorded name's characters outside the standard a new name meets (flag
/// <c>characters-outside-standard</c>: <c>full-width-parentheses</c>, <c>enumeration-comma</c>, <c>latin-letters</c>,
/// <c>han-without-reading</c>, <c>private-use</c>, ...; the name is kept as written);
/// <c>geometry</c> is null for a recorded name whose records hold none.</summary>
public sealed record PlaceNameResponse(
    string Id,
    string Name,
    string Romanization,
    PlaceCategory Category,
    string DivisionCode,
    JsonElement Geometry,
    string? Meaning,
    string LocationDescription,
    PlaceNameStatus Status,
    string? ApprovingAuthority,
    DateOnly? ApprovedOn,
    DateOnly? AnnouncedOn,
    DateOnly? AbolishedOn,
    DateOnly ProposedOn,
    IReadOnlyList<PlaceNamePeriodResponse> Names,
    ExternalSourceResponse? External,
    string? RomanizationLanguage,
    IReadOnlyList<PlaceNameChangeResponse> Changes,
    IReadOnlyList<string> Aliases,
    string? Code,
    IReadOnlyList<string> Flags,
    IReadOnlyList<string> CharacterFlags)
{
    /// <summary>The registrar's view: every change, every approved name.</summary>
    public static PlaceNameResponse From(PlaceNameDetails d) => From(d, publicView: false);

    /// <summary>
    /// <paramref name="publicView"/>: what the public sees of a record: only announced changes, and of the names
    /// approved to take effect later only those whose change is announced.
    /// </summary>
    public static PlaceNameResponse From(PlaceNameDetails d, bool publicView)
    {
        var changes = d.Changes.Where(c => !publicView || c.Status == PlaceNameChangeStatus.Announced).ToList();
        var names = d.Names.Where(n => !publicView || n.ValidFrom is null || n.ValidFrom <= d.AsOf
                                       || changes.Any(c => c.Kind == PlaceNameChangeKind.Rename
                                                           && c.EffectiveDate == n.ValidFrom && c.Name == n.Name))
            .ToList();
        if (publicView && names.Count > 0 && names[^1].ValidTo is { } to && to > d.AsOf
            && !changes.Any(c => c.EffectiveDate == to))
        {
            // The end of the name in force is not public until the change that ends it is announced.
            names[^1] = names[^1] with { ValidTo = null };
        }

        return new(d.Id, d.Name, d.Romanization, d.Category, d.DivisionCode, GeoJson.ToJson(d.Geometry), d.Meaning,
            d.LocationDescription, d.Status, d.ApprovingAuthority, d.ApprovedOn, d.AnnouncedOn, d.AbolishedOn,
            d.ProposedOn, names.Select(PlaceNamePeriodResponse.From).ToList(),
            d.External is null ? null : ExternalSourceResponse.From(d.External), d.RomanizationLanguage,
            changes.Select(PlaceNameChangeResponse.From).ToList(), d.Aliases, d.Code, publicView ? [] : d.Flags,
            d.CharacterFlags);
    }
}
