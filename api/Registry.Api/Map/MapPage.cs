using Registry.Api.Hosting;

namespace Registry.Api.Map;

/// <summary>
/// The map page for GIS staff at <c>/map</c>: a static page (<c>Map/Assets</c>) and the Leaflet build it draws with
/// (<c>Map/Assets/vendor/leaflet</c>, see its VENDORED.md), served as an <see cref="EmbeddedPage"/>. The page reads
/// the public API and, with a token the user pastes, the GIS-only resources.
/// </summary>
public static class MapPage
{
    public const string Route = "/map";

    private static readonly EmbeddedPage Page = new(Route, "map/", "map-file-not-found", "map page");

    public static IEndpointRouteBuilder MapRegistryMapPage(this IEndpointRouteBuilder routes) =>
        Page.Map(routes, "MapPage");
}
