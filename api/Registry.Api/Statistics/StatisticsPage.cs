using Registry.Api.Hosting;

namespace Registry.Api.Statistics;

/// <summary>
/// The statistics page for bureau staff at <c>/statistics</c>: a static page (<c>Statistics/Assets</c>), served as
/// an <see cref="EmbeddedPage"/>, that reads <c>GET /api/statistics</c> with a token the user pastes and draws a
/// year's figures month by month as plain SVG (no chart library, nothing from another origin).
/// </summary>
public static class StatisticsPage
{
    public const string Route = "/statistics";

    private static readonly EmbeddedPage Page =
        new(Route, "statistics/", "statistics-file-not-found", "statistics page");

    public static IEndpointRouteBuilder MapStatisticsPage(this IEndpointRouteBuilder routes) =>
        Page.Map(routes, "StatisticsPage");
}
