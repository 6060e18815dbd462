using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Spatial;
using Registry.Abstractions.Time;
using Registry.Api.ErrorHandling;

namespace Registry.Api.Spatial;

/// <summary>
/// <c>GET /api/spatial/divisions?lon=&amp;lat=&amp;asOf=</c>, the busiest spatial question, written for throughput:
/// its services are resolved once (not per request), the happy path parses the numbers without collecting errors
/// (anything invalid goes through <see cref="RequestChecks"/> for the usual problem+json), the answer comes from the
/// cached tile indexes (<see cref="DivisionLocator"/>), and the JSON is written into a per-thread buffer and sent with
/// its length. Thread-safe.
/// </summary>
public sealed class PointQueryEndpoint(DivisionLocator locator, BureauClock clock)
{
    private const string ContentType = "application/json; charset=utf-8";

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? json;

    /// <summary>
    /// Answers straight from the raw query string (no query dictionary); anything unusual (escapes, repeats, invalid
    /// values) goes through <see cref="HandleAsync"/>, which reports it.
    /// </summary>
    public Task HandleRawAsync(HttpContext context)
    {
        var query = context.Request.QueryString.Value.AsSpan();
        ReadOnlySpan<char> lon = default, lat = default, asOf = default;
        var seen = 0;
        if (query.Length > 0 && query[0] == '?')
        {
            query = query[1..];
        }

        while (!query.IsEmpty)
        {
            var end = query.IndexOf('&');
            var pair = end < 0 ? query : query[..end];
            query = end < 0 ? default : query[(end + 1)..];
            var equals = pair.IndexOf('=');
            if (equals < 0 || pair.ContainsAny('%', '+'))
            {
                return Slow(context);
            }

            var name = pair[..equals];
            var value = pair[(equals + 1)..];
            var flag = name switch
            {
                "lon" => 1,
                "lat" => 2,
                "asOf" => 4,
                _ => 0,
            };
            if ((seen & flag) != 0)
            {
                return Slow(context);
            }

            seen |= flag;
            switch (flag)
            {
                case 1:
                    lon = value;
                    break;
                case 2:
                    lat = value;
                    break;
                case 4:
                    asOf = value;
                    break;
            }
        }

        if (!double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ||
            !double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) ||
            GeometryRules.CheckPosition(x, y) is not null)
        {
            return Slow(context);
        }

        DateOnly date;
        if ((seen & 4) == 0)
        {
            date = clock.Today;
        }
        else if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None,
                     out date))
        {
            return Slow(context);
        }

        var located = locator.LocateAsync(x, y, date);
        if (located.IsCompletedSuccessfully)
        {
            Write(context.Response, x, y, date, located.Result);
            return Task.CompletedTask;
        }

        return WriteLaterAsync(context.Response, x, y, date, located);
    }

    public async Task HandleAsync(HttpContext context, string? lon, string? lat, string? asOf)
    {
        var parsed = double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) &
            double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var y);
        if (!parsed || GeometryRules.CheckPosition(x, y) is not null ||
            !string.IsNullOrEmpty(asOf) && !DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out _))
        {
            // Not the happy path: collect every invalid field and answer 400 naming the rule.
            var checks = new RequestChecks();
            SpatialRequest.Position(checks, lon, lat);
            checks.Date("asOf", asOf);
            checks.ThrowIfAny();
        }

        // An empty asOf means today, as RequestChecks.Date reads it (it was parsed here and threw: a 500).
        var date = string.IsNullOrEmpty(asOf)
            ? clock.Today
            : DateOnly.ParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var located = await locator.LocateAsync(x, y, date);
        Write(context.Response, x, y, date, located);
    }

    private Task Slow(HttpContext context)
    {
        var query = context.Request.Query;
        return HandleAsync(context, query["lon"], query["lat"], query["asOf"]);
    }

    private static async Task WriteLaterAsync(HttpResponse response, double lon, double lat, DateOnly date,
        ValueTask<List<LocatedDivision>> located) =>
        Write(response, lon, lat, date, await located);

    private static void Write(HttpResponse response, double lon, double lat, DateOnly date,
        List<LocatedDivision> located)
    {
        var output = buffer ??= new ArrayBufferWriter<byte>(512);
        output.ResetWrittenCount();
        var writer = json ??= new Utf8JsonWriter(output,
            new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true });
        writer.Reset(output);
        writer.WriteStartObject();
        writer.WriteNumber("lon", lon);
        writer.WriteNumber("lat", lat);
        writer.WriteString("asOf", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        writer.WriteStartArray("divisions");
        foreach (var division in located)
        {
            writer.WriteStartObject();
            writer.WriteString("code", division.Code);
            writer.WriteString("name", division.Name);
            writer.WriteString("level", LevelName(division.Level));
            writer.WriteBoolean("reference", division.IsReference);
            writer.WriteNumber("geometryVersion", division.GeometryVersion);
            writer.WriteBoolean("onBoundary", division.OnBoundary);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();

        // Everything is written before the response is touched, so the thread-static buffer is not held across an
        // await; the response gets a Content-Length instead of chunked encoding.
        var bytes = output.WrittenSpan;
        response.ContentType = ContentType;
        response.ContentLength = bytes.Length;
        var body = response.BodyWriter;
        bytes.CopyTo(body.GetSpan(bytes.Length));
        body.Advance(bytes.Length);
    }

    private static string LevelName(DivisionLevel level) => level switch
    {
        DivisionLevel.Province => "province",
        DivisionLevel.Prefecture => "prefecture",
        DivisionLevel.County => "county",
        _ => "township",
    };
}
