using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Registry.Benchmarks.Fuzz;

/// <summary>One generated request: the operation it targets (<c>METHOD /path/{template}</c>), its URL and body.</summary>
public sealed record FuzzRequest(string Operation, string Method, string Url, string? Body);

/// <summary>
/// Generates requests from an OpenAPI document: an operation chosen at random, its path and query parameters filled
/// with plausible values (by their schema) or hostile ones, and a body built from the request schema and then
/// mutated, or a raw malformed body. Pure given the <see cref="Random"/>.
/// </summary>
public sealed class FuzzRequestGenerator
{
    private static readonly string[] RawBodies =
    [
        "", "{}", "[]", "null", "\"x\"", "{\"a\":", "{\"a\":1}}", "\u0000", "{\"\u0000\":1}", "{" + new string(' ', 10_000),
        new string('[', 5_000), "{\"a\":\"\\ud800\"}", "{\"a\":1e999999}", "\ufeff{}",
    ];

    private readonly JsonObject? schemas;
    private readonly string[] hostile;

    public FuzzRequestGenerator(JsonNode document, string[] hostile)
    {
        this.hostile = hostile;
        schemas = document["components"]?["schemas"]?.AsObject();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                Operations.Add(new($"{method.ToUpperInvariant()} {path}", (method.ToUpperInvariant(), path, operation!)));
            }
        }
    }

    public List<KeyValuePair<string, (string Method, string Path, JsonNode Operation)>> Operations { get; } = [];

    public FuzzRequest Next(Random random)
    {
        var (key, (method, path, operation)) = Operations[random.Next(Operations.Count)];
        var parameters = operation["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
        var url = new StringBuilder();
        foreach (var segment in Segments(path))
        {
            if (segment.StartsWith('{'))
            {
                var name = segment.Trim('{', '}');
                var schema = parameters.FirstOrDefault(p => (string?)p["name"] == name)?["schema"];
                url.Append(Encode(random.Next(3) == 0 ? Hostile(random) : Plausible(schema, random, name)));
            }
            else
            {
                url.Append(segment);
            }
        }

        var query = parameters.Where(p => (string?)p["in"] == "query" && random.Next(3) > 0).ToList();
        for (var i = 0; i < query.Count; i++)
        {
            var name = (string)query[i]["name"]!;
            var value = random.Next(4) == 0 ? Hostile(random) : Plausible(query[i]["schema"], random, name);
            url.Append(i == 0 ? '?' : '&').Append(Encode(name)).Append('=')
                .Append(Encode(value));
        }

        if (random.Next(20) == 0)
        {
            url.Append(url.ToString().Contains('?') ? '&' : '?').Append("unknownParameter=").Append(
                Encode(Hostile(random)));
        }

        string? body = null;
        if (method is "POST" or "PUT" or "PATCH" || random.Next(30) == 0)
        {
            var schema = Resolve(operation["requestBody"]?["content"]?["application/json"]?["schema"]);
            body = schema is null || random.Next(6) == 0
                ? RawBodies[random.Next(RawBodies.Length)]
                : Mutate(Build(schema, random, 0), schema, random);
        }

        return new FuzzRequest(key, method, url.ToString(), body);
    }

    private static IEnumerable<string> Segments(string path)
    {
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '{')
            {
                yield return path[start..i];
                start = i;
            }
            else if (path[i] == '}')
            {
                yield return path[start..(i + 1)];
                start = i + 1;
            }
        }

        yield return path[start..];
    }

    private string Hostile(Random random) => random.Next(10) switch
    {
        0 => new string('9', random.Next(1, 400)),
        1 => RandomText(random, random.Next(1, 40)),
        _ => hostile[random.Next(hostile.Length)],
    };

    /// <summary>Any code points at all, from every plane, including controls, surrogate halves and noncharacters.</summary>
    private static string RandomText(Random random, int length)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var value = random.Next(4) switch
            {
                0 => random.Next(0x20, 0x7F),
                1 => random.Next(0x4E00, 0x9FFF),
                2 => random.Next(0, 0x10000),
                _ => random.Next(0x10000, 0x110000),
            };
            if (value is >= 0xD800 and <= 0xDFFF)
            {
                builder.Append((char)value); // an unpaired surrogate
            }
            else
            {
                builder.Append(char.ConvertFromUtf32(value));
            }
        }

        return builder.ToString();
    }

    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var depth = 0; schema?["$ref"] is JsonValue reference && depth < 10; depth++)
        {
            schema = schemas?[((string)reference!).Split('/')[^1]];
        }

        if (schema?["oneOf"] is JsonArray oneOf && oneOf.Count > 0)
        {
            return Resolve(oneOf[0]);
        }

        return schema?["allOf"] is JsonArray allOf && allOf.Count > 0 ? Resolve(allOf[0]) : schema;
    }

    private string? TypeOf(JsonNode? schema)
    {
        var resolved = Resolve(schema);
        return resolved?["type"] switch
        {
            JsonValue single => (string?)single,
            JsonArray several => several.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
            _ => resolved?["properties"] is not null ? "object" : null,
        };
    }

    /// <summary>A value the schema allows, as text (for path and query).</summary>
    private string Plausible(JsonNode? schema, Random random, string name)
    {
        var resolved = Resolve(schema);
        if (resolved?["enum"] is JsonArray values && values.Count > 0)
        {
            return values[random.Next(values.Count)]?.ToString() ?? "";
        }

        var lower = name.ToLowerInvariant();
        return TypeOf(resolved) switch
        {
            "integer" => random.Next(-2, 3000).ToString(CultureInfo.InvariantCulture),
            "number" => (random.NextDouble() * 360 - 180).ToString("0.#####", CultureInfo.InvariantCulture),
            "boolean" => random.Next(2) == 0 ? "true" : "false",
            _ when (string?)resolved?["format"] == "date" || lower.Contains("date") || lower is "at" or "on" =>
                new DateOnly(2020, 1, 1).AddDays(random.Next(0, 2800)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ when lower.Contains("code") || lower is "office" or "division" => new[]
                { "110000", "110101", "110102", "310115", "440305", "110101001", "999999" }[random.Next(7)],
            _ when lower.Contains("bbox") => "116.2,39.8,116.5,40.0",
            _ when lower is "lon" or "x" => (116 + random.NextDouble()).ToString("0.####", CultureInfo.InvariantCulture),
            _ when lower is "lat" or "y" => (39.5 + random.NextDouble()).ToString("0.####", CultureInfo.InvariantCulture),
            _ => new[] { "北京", "朝阳", "Beijing", "1", "J110101-2026-000001", "51110101MJ00000016", "a" }[random.Next(7)],
        };
    }

    /// <summary>A JSON value the schema describes, most of the time valid in type.</summary>
    private JsonNode? Build(JsonNode? schema, Random random, int depth)
    {
        var resolved = Resolve(schema);
        if (resolved?["enum"] is JsonArray values && values.Count > 0)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }

        switch (TypeOf(resolved))
        {
            case "object" when depth < 4:
                var body = new JsonObject();
                foreach (var (name, property) in resolved?["properties"]?.AsObject() ?? new JsonObject())
                {
                    if (random.Next(8) > 0)
                    {
                        body[name] = Build(property, random, depth + 1);
                    }
                }

                return body;
            case "array" when depth < 4:
                var array = new JsonArray();
                for (var i = random.Next(4); i > 0; i--)
                {
                    array.Add(Build(resolved?["items"], random, depth + 1));
                }

                return array;
            case "integer":
                return random.Next(-5, 3000);
            case "number":
                return Math.Round(random.NextDouble() * 360 - 180, 5);
            case "boolean":
                return random.Next(2) == 0;
            case "string":
                return Plausible(resolved, random, "");
            default:
                // A GeoJSON geometry or another free-form value.
                return random.Next(2) == 0
                    ? JsonNode.Parse("{\"type\":\"Point\",\"coordinates\":[116.39,39.9]}")
                    : JsonNode.Parse("{\"type\":\"Polygon\",\"coordinates\":[[[116.3,39.8],[116.4,39.8],[116.4,39.9],[116.3,39.8]]]}");
        }
    }

    /// <summary>The body, or it with one field made hostile, an unknown key or a duplicated key.</summary>
    private string Mutate(JsonNode? body, JsonNode schema, Random random)
    {
        if (body is not JsonObject fields || random.Next(4) == 0)
        {
            return body?.ToJsonString() ?? "null";
        }

        var names = fields.Select(f => f.Key).ToList();
        switch (random.Next(6))
        {
            case 0 when names.Count > 0:
                var name = names[random.Next(names.Count)];
                var text = fields.ToJsonString();
                var duplicate = $"{JsonSerializer.Serialize(name)}:{fields[name]?.ToJsonString() ?? "null"}";
                return text.Length > 2 ? "{" + duplicate + "," + text[1..] : "{" + duplicate + "}";
            case 1:
                fields["notInTheSchema" + random.Next(3)] = Hostile(random);
                return fields.ToJsonString();
            case 2 when names.Count > 0:
                fields[names[random.Next(names.Count)]] = random.Next(3) switch
                {
                    0 => null,
                    1 => JsonValue.Create(random.Next(2) == 0 ? 1e300 : -1),
                    _ => new JsonArray(),
                };
                return fields.ToJsonString();
            default:
                // Written by hand so that unpaired surrogates reach the wire as \uXXXX escapes (a JSON writer refuses them).
                var json = new StringBuilder("{");
                foreach (var (field, value) in fields)
                {
                    var property = Resolve(schema)?["properties"]?[field];
                    json.Append(Escape(field)).Append(':');
                    if (TypeOf(property) == "string" && random.Next(2) == 0)
                    {
                        json.Append(Escape(random.Next(8) == 0 ? new string('字', random.Next(300, 30_000)) : Hostile(random)));
                    }
                    else
                    {
                        json.Append(value?.ToJsonString() ?? "null");
                    }

                    json.Append(',');
                }

                json.Length -= json.Length > 1 ? 1 : 0;
                return json.Append('}').ToString();
        }
    }

    /// <summary>Percent-encodes every byte of the UTF-8 text but the unreserved characters (an unpaired surrogate
    /// becomes U+FFFD, as UTF-8 cannot carry it).</summary>
    private static string Encode(string text)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
                or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    private static string Escape(string text)
    {
        var json = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\')
            {
                json.Append('\\').Append(c);
            }
            else if (c < 0x20 || char.IsSurrogate(c))
            {
                json.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                json.Append(c);
            }
        }

        return json.Append('"').ToString();
    }
}
