using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;

namespace Registry.Grains.Spatial;

/// <summary>Which grain holds the records of each layer.</summary>
internal static class IndexedRecords
{
    public static IIndexedRecordGrain Of(IGrainFactory grains, SpatialLayer layer, string key) => layer switch
    {
        SpatialLayer.Divisions => grains.Get<IDivisionGeometryGrain>(key),
        SpatialLayer.BoundaryLines => grains.Get<IBoundaryLineGrain>(key),
        SpatialLayer.Markers => grains.Get<IBoundaryMarkerGrain>(key),
        // The place-name registry adds its record grain here when it indexes place geometry.
        _ => throw new NotSupportedException($"No record grain indexes the {layer} layer yet."),
    };
}
