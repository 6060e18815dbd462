using Registry.Abstractions.Places;
using Registry.Grains.Places;
using Registry.Grains.Tests.Spatial;

namespace Registry.Grains.Tests.Places;

/// <summary>Real 街道 of the 2023 division list proposed as names, as the index tests need them.</summary>
internal static class Subdistricts
{
    /// <summary>
    /// Proposes the subdistrict <paramref name="name"/> (<paramref name="code"/>) as the place name
    /// <paramref name="id"/>, with the spelling the registry suggests, at a location inside the shipped outline of its
    /// prefecture, or of its province where the prefecture has none (a municipality's districts): the location rule's
    /// outline.
    /// </summary>
    public static async Task ProposeAsync(IGrainFactory grains, string id, string code, string name)
    {
        var spelling = await grains.GetGrain<IPlaceSpellingGrain>(0).SuggestAsync(name, PlaceCategory.AdministrativeDivision);
        var outline = ReferenceGeometry.Prefectures.FirstOrDefault(p => p.Valid && p.Code[..4] == code[..4])
            ?? ReferenceGeometry.Provinces.First(p => p.Valid && p.Code[..2] == code[..2]);
        var geometry = PlaceGeometry.Write(ReferenceGeometry.InteriorPoint(outline.Geometry));
        await grains.GetGrain<IPlaceNameGrain>(id).ProposeAsync(new ProposePlaceName(name,
            spelling.Romanization, PlaceCategory.AdministrativeDivision, code, geometry, null, null));
    }
}
