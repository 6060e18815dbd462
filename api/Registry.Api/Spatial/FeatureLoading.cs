using System.Text.Json;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Spatial;

namespace Registry.Api.Spatial;

/// <summary>Loads full records for a page of keys and returns a Feature writer for each (skipping records that
/// vanished or have no geometry on the date); <c>extra</c> writes members of its own into every Feature (OGC links).
/// </summary>
public static class FeatureLoading
{
    public static async Task<IReadOnlyList<Action<Utf8JsonWriter>>> LoadAsync(IGrainFactory grains, SpatialLayer layer,
        IReadOnlyList<string> keys, DateOnly asOf, Action<Utf8JsonWriter>? extra = null)
    {
        var loaded = await Task.WhenAll(keys.Select(async key =>
        {
            try
            {
                return layer switch
                {
                    SpatialLayer.Divisions => Writer(await grains.Get<IDivisionGeometryGrain>(key).GetAsync(asOf),
                        extra),
                    SpatialLayer.BoundaryLines =>
                        Writer(await grains.Get<IBoundaryLineGrain>(key).GetAsync(), extra),
                    SpatialLayer.Markers => Writer(await grains.Get<IBoundaryMarkerGrain>(key).GetAsync(), extra),
                    SpatialLayer.PlaceNames => await PlaceNameFeatures.LoadAsync(grains, key, extra),
                    _ => null,
                };
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
            {
                return null;
            }
        }));
        return loaded.OfType<Action<Utf8JsonWriter>>().ToList();
    }

    private static Action<Utf8JsonWriter> Writer(DivisionGeometryDetails d, Action<Utf8JsonWriter>? extra) =>
        w => FeatureWriters.Division(w, d, extra);

    private static Action<Utf8JsonWriter> Writer(BoundaryLineDetails l, Action<Utf8JsonWriter>? extra) =>
        w => FeatureWriters.Line(w, l, extra);

    private static Action<Utf8JsonWriter> Writer(MarkerDetails m, Action<Utf8JsonWriter>? extra) =>
        w => FeatureWriters.Marker(w, m, extra: extra);
}
