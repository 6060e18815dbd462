using Registry.Abstractions.Spatial;

namespace Registry.Api.Spatial;

/// <summary>A feature collection served under <c>/ogc</c>: its id (as in the URL), the index layer behind it, and
/// whether its features have a validity in time and whether reading them needs a boundary-reading role.</summary>
public sealed record OgcCollection(string Id, SpatialLayer Layer, string Title, string Description, bool Temporal,
    bool Restricted)
{
    public static IReadOnlyList<OgcCollection> All { get; } =
    [
        new("divisions", SpatialLayer.Divisions, "Administrative divisions",
            "Division geometry (registry divisions and reference areas) in force on the requested date (default " +
            "today); id = division code. Properties: code, name, level, version, validity, area and perimeter in " +
            "metres on the WGS84 ellipsoid.", Temporal: true, Restricted: false),
        new("boundary-lines", SpatialLayer.BoundaryLines, "Boundary lines",
            "Boundary lines between two divisions; id = line number. Properties: the two divisions, length in " +
            "metres, agreement, markers, last completed joint inspection.", Temporal: false, Restricted: false),
        new("markers", SpatialLayer.Markers, "Boundary markers",
            "Boundary markers (GB/T 17796 numbers); id = marker number. Visible to GIS staff and boundary " +
            "registrars only.", Temporal: false, Restricted: true),
        new("place-names", SpatialLayer.PlaceNames, "Place names",
            "Announced standard place names (State Council Order 753) and external reference names (GeoNames, " +
            "CC BY 4.0, credited in each feature's 'attribution') with their recorded geometry; id = place-name id. " +
            "Served from the place-name registry's index.", Temporal: false, Restricted: false),
    ];

    public static OgcCollection? Find(string id) => All.FirstOrDefault(c => c.Id == id);
}
