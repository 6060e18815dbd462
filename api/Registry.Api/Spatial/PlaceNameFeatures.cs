using System.Text.Json;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Places;
using Registry.Abstractions.Text;
using SpatialBox = Registry.Abstractions.Spatial.BoundingBox;

namespace Registry.Api.Spatial;

/// <summary>
/// The OGC <c>place-names</c> collection, answered from the place-name registry's own partitioned index (the one its
/// search uses) rather than the boundary tiles: what the public may see, announced standard names and external
/// reference names, with their recorded geometry. Pages are offsets into the index's answer, in its order.
/// </summary>
public static class PlaceNameFeatures
{
    /// <summary>One page of the public names in the box (two boxes: one crossing the antimeridian).</summary>
    public static async Task<(int Total, IReadOnlyList<Action<Utf8JsonWriter>> Features)> PageAsync(
        IGrainFactory grains, IReadOnlyList<SpatialBox> boxes, int offset, int limit)
    {
        var box = new BoundingBox(boxes[0].MinLon, boxes[0].MinLat, boxes[^1].MaxLon, boxes[^1].MaxLat);
        var page = await grains.Get<IPlaceNameSearchGrain>(0).SearchAsync(new PlaceNameQuery(
            Text: null, Romanization: null, Category: null, DivisionPrefix: null, Box: box, Near: null,
            IncludeHistorical: false, PublicOnly: true, AnnouncedSince: null, Skip: offset, Take: limit));
        var features = await Task.WhenAll(page.Items.Select(hit => LoadAsync(grains, hit.Entry.Id)));
        return (page.Total, features.OfType<Action<Utf8JsonWriter>>().ToList());
    }

    /// <summary>The ids of one page of the public names in the box, in the index's order, and how many there are.
    /// </summary>
    public static async Task<(int Total, IReadOnlyList<string> Ids)> IdsAsync(IGrainFactory grains,
        IReadOnlyList<SpatialBox> boxes, int offset, int limit)
    {
        var box = new BoundingBox(boxes[0].MinLon, boxes[0].MinLat, boxes[^1].MaxLon, boxes[^1].MaxLat);
        var page = await grains.Get<IPlaceNameSearchGrain>(0).SearchAsync(new PlaceNameQuery(
            Text: null, Romanization: null, Category: null, DivisionPrefix: null, Box: box, Near: null,
            IncludeHistorical: false, PublicOnly: true, AnnouncedSince: null, Skip: offset, Take: limit));
        return (page.Total, page.Items.Select(hit => hit.Entry.Id).ToList());
    }

    /// <summary>The feature of one public name; null when there is none or it is not public.</summary>
    public static async Task<Action<Utf8JsonWriter>?> LoadAsync(IGrainFactory grains, string id,
        Action<Utf8JsonWriter>? extra = null)
    {
        try
        {
            var details = await grains.Get<IPlaceNameGrain>(id).GetAsync();
            return details.Status is PlaceNameStatus.Announced or PlaceNameStatus.Reference or PlaceNameStatus.Recorded
                ? writer => Write(writer, details, extra)
                : null;
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            return null;
        }
    }

    private static void Write(Utf8JsonWriter writer, PlaceNameDetails d, Action<Utf8JsonWriter>? extra) =>
        GeoJsonWriting.WriteFeature(writer, d.Id, d.Geometry.Length == 0 ? null : Abstractions.Spatial.Wgs84.FromWkb(d.Geometry), p =>
        {
            p.WriteString("name", d.Name);
            p.WriteString("romanization", d.Romanization);
            p.WriteString("category", ApiTerms.Value(d.Category));
            p.WriteString("status", ApiTerms.Value(d.Status));
            p.WriteString("divisionCode", d.DivisionCode);
            p.WriteString("locationDescription", d.LocationDescription);
            if (d.ApprovingAuthority is { } authority)
            {
                p.WriteString("approvingAuthority", authority);
            }

            GeoJsonWriting.WriteDate(p, "approvedOn", d.ApprovedOn);
            GeoJsonWriting.WriteDate(p, "announcedOn", d.AnnouncedOn);
            if (d.External is { } external)
            {
                p.WriteString("source", external.Source);
                p.WriteString("sourceId", external.SourceId);
                p.WriteString("attribution", external.Credit);
            }
        }, extra);
}
