using System.Text.Json;
using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>A place-name record. <c>external</c> is set (and <c>status</c> is <c>reference</c>) for a name from
/// another gazetteer, which is not a standard name. <c>romanizationLanguage</c> names the minority language the Roman
/// spelling is transliterated from (null for Hanyu Pinyin).</summary>
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
    string? RomanizationLanguage)
{
    public static PlaceNameResponse From(PlaceNameDetails d) => new(d.Id, d.Name, d.Romanization, d.Category,
        d.DivisionCode, GeoJson.ToJson(d.Geometry), d.Meaning, d.LocationDescription, d.Status, d.ApprovingAuthority,
        d.ApprovedOn, d.AnnouncedOn, d.AbolishedOn, d.ProposedOn, d.Names.Select(PlaceNamePeriodResponse.From).ToList(),
        d.External is null ? null : ExternalSourceResponse.From(d.External), d.RomanizationLanguage);
}
