using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Simplify;

namespace Registry.Api.Ogc;

/// <summary>
/// The HTML encoding of <c>/ogc</c> (OGC API - Features - Part 1, HTML): plain, readable pages with the same links as
/// the JSON, every text HTML-escaped, and for features a small map drawn as inline SVG from their geometry (no
/// script, no library; simplified to the drawing's resolution).
/// </summary>
public static class OgcHtml
{
    public static string Page(string title, IEnumerable<(string Href, string Text)> navigation, string body)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-Hans\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
            .Append(E(title)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:70rem;padding:0 1rem;")
            .Append("line-height:1.45}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2rem .5rem;")
            .Append("text-align:left;vertical-align:top}nav a{margin-right:1rem}svg{border:1px solid #ccc;")
            .Append("background:#f7f9fb}code{word-break:break-all}</style></head><body><nav>");
        foreach (var (href, text) in navigation)
        {
            html.Append(A(href, text));
        }

        html.Append("</nav><h1>").Append(E(title)).Append("</h1>").Append(body).Append("</body></html>");
        return html.ToString();
    }

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string A(string href, string text) => $"<a href=\"{E(href)}\">{E(text)}</a>";

    public static string List(IEnumerable<string> items) =>
        "<ul>" + string.Concat(items.Select(i => "<li>" + i + "</li>")) + "</ul>";

    /// <summary>A table of one feature's properties.</summary>
    public static string Properties(JsonElement properties)
    {
        var html = new StringBuilder("<table><tbody>");
        foreach (var p in properties.EnumerateObject())
        {
            html.Append("<tr><th>").Append(E(p.Name)).Append("</th><td>").Append(E(Text(p.Value))).Append("</td></tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>A table of features: a link to each, and the given property columns.</summary>
    public static string Features(IReadOnlyList<OgcFeature> features, IReadOnlyList<string> columns,
        Func<OgcFeature, string> href)
    {
        var html = new StringBuilder("<table><thead><tr><th>id</th>");
        foreach (var column in columns)
        {
            html.Append("<th>").Append(E(column)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var feature in features)
        {
            html.Append("<tr><td>").Append(A(href(feature), feature.Id)).Append("</td>");
            foreach (var column in columns)
            {
                html.Append("<td>").Append(E(feature.Properties.TryGetProperty(column, out var v) ? Text(v) : ""))
                    .Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>An SVG map of the geometries (lon/lat, north up), each linked to its feature.</summary>
    public static string Map(IReadOnlyList<(Geometry Geometry, string Href, string Title)> shapes)
    {
        const double width = 640;
        const double height = 400;
        var extent = new Envelope();
        foreach (var shape in shapes)
        {
            extent.ExpandToInclude(shape.Geometry.EnvelopeInternal);
        }

        if (extent.IsNull)
        {
            return "<p>No geometry to draw.</p>";
        }

        var margin = Math.Max(Math.Max(extent.Width, extent.Height) * 0.05, 0.01);
        extent.ExpandBy(margin);
        var scale = Math.Min(width / extent.Width, height / extent.Height);
        var svg = new StringBuilder();
        svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"400\" " +
                   "viewBox=\"0 0 640 400\" role=\"img\" aria-label=\"Map of the features (longitude/latitude)\">");
        string X(double lon) => ((lon - extent.MinX) * scale).ToString("0.#", CultureInfo.InvariantCulture);
        string Y(double lat) => ((extent.MaxY - lat) * scale).ToString("0.#", CultureInfo.InvariantCulture);
        foreach (var (geometry, href, title) in shapes)
        {
            svg.Append("<a href=\"").Append(E(href)).Append("\"><title>").Append(E(title)).Append("</title>");
            var simple = geometry.Dimension == Dimension.Point
                ? geometry
                : DouglasPeuckerSimplifier.Simplify(geometry, 1 / scale);
            for (var i = 0; i < simple.NumGeometries; i++)
            {
                var part = simple.GetGeometryN(i);
                switch (part)
                {
                    case Point point:
                        svg.Append(CultureInfo.InvariantCulture,
                            $"<circle cx=\"{X(point.X)}\" cy=\"{Y(point.Y)}\" r=\"4\" fill=\"#c0392b\"/>");
                        break;
                    case Polygon polygon:
                        svg.Append("<path fill=\"#7fb3d5\" fill-opacity=\"0.5\" stroke=\"#1f618d\" " +
                                   "fill-rule=\"evenodd\" d=\"");
                        foreach (var ring in new[] { polygon.ExteriorRing }.Concat(polygon.InteriorRings))
                        {
                            Path(svg, ring.Coordinates, X, Y, close: true);
                        }

                        svg.Append("\"/>");
                        break;
                    case LineString line:
                        svg.Append("<path fill=\"none\" stroke=\"#a04000\" stroke-width=\"2\" d=\"");
                        Path(svg, line.Coordinates, X, Y, close: false);
                        svg.Append("\"/>");
                        break;
                }
            }

            svg.Append("</a>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static void Path(StringBuilder svg, Coordinate[] coordinates, Func<double, string> x,
        Func<double, string> y, bool close)
    {
        for (var i = 0; i < coordinates.Length; i++)
        {
            svg.Append(i == 0 ? "M" : "L").Append(x(coordinates[i].X)).Append(' ').Append(y(coordinates[i].Y));
        }

        if (close)
        {
            svg.Append('Z');
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "",
        _ => value.GetRawText(),
    };
}
