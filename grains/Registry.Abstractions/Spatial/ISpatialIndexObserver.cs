namespace Registry.Abstractions.Spatial;

/// <summary>
/// A reader that keeps copies of tiles or regions (the API's read cache) and wants to hear when one changes. Calls are
/// short and must not call back into the grain that notifies.
/// </summary>
[Alias("Registry.Spatial.ISpatialIndexObserver")]
public interface ISpatialIndexObserver : IGrainObserver
{
    Task TileChangedAsync(TileId tile, TileStamp stamp);

    Task RegionChangedAsync(RegionId region, TileStamp stamp);
}
