using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Registry.Abstractions.Organizations;
using Registry.Grains.Tests.Organizations;

namespace Registry.Api.Tests;

/// <summary>
/// "A client can never cause a 500", checked against every operation the OpenAPI document describes: each path,
/// query and body is filled with hostile values (wrong types, malformed JSON, overflowing numbers, control characters,
/// oversized strings, path tricks) and sent with a token holding every role. Every answer must be below 500, and every
/// 4xx must be RFC 9457 problem+json. New endpoints are covered as soon as they are in the document.
/// </summary>
public sealed class HostileInputTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string[] AllRoles =
    [
        "admin", "registrar.marriage", "registrar.organizations", "registrar.places", "registrar.boundaries", "gis",
        "organization",
    ];

    private static readonly string[] PathValues =
        ["x", "-1", "%20", "..%2F..%2Fetc", "%F0%9F%92%A5", new string('9', 300), "0000000000000000000000000000"];

    private static readonly string[] QueryValues =
        ["x", "-1", "99999999999999999999999", "NaN", "1e309", "", "%00", "2026-02-30", "181,91", "1,2,3,4,5"];

    private static readonly string[] RawBodies = ["{}", "[]", "null", "\"x\"", "{\"a\":", "{\"a\":1}}", "\u0000"];

    /// <summary>Accept headers that admit no JSON: a refusal must still be problem+json, never a 500.</summary>
    private static readonly string?[] AcceptHeaders =
        [null, "text/plain", "application/xml", "text/csv", "text/html", "image/png;q=1, */*;q=0"];

    [Fact]
    public async Task EveryDocumentedOperation_AnswersHostileInput_BelowFiveHundred_WithProblemJson()
    {
        var (client, document, schemas) = await DocumentedApiAsync();

        var sent = 0;
        var failures = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var request in Requests(method.ToUpperInvariant(), path, operation!, schemas))
                {
                    sent++;
                    var failure = await SendAsync(client, request, AcceptHeaders[sent % AcceptHeaders.Length]);
                    if (failure is not null)
                    {
                        failures.Add(failure);
                    }
                }
            }
        }

        Assert.True(sent > 500, $"only {sent} requests were generated from the OpenAPI document");
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {sent} hostile requests were not answered as a 4xx problem:\n" +
            string.Join('\n', failures.Take(40)));
    }

    /// <summary>A client holding every role (and an organization's code), and the OpenAPI document it reads with its
    /// schemas.</summary>
    private async Task<(HttpClient Client, JsonNode Document, JsonObject? Schemas)> DocumentedApiAsync()
    {
        var client = fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", RegistryApiFactory.Token(AllRoles,
            extraClaims: new Dictionary<string, string>
            {
                ["uscc"] = TestCodes.Uscc(OrganizationKind.SocialAssociation, TestCodes.County(0)),
            }));
        var document = JsonNode.Parse(await client.GetStringAsync("/swagger/v1/swagger.json"))!;
        return (client, document, document["components"]?["schemas"]?.AsObject());
    }

    private static async Task<string?> SendAsync(HttpClient client, HostileRequest request, string? accept = null)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        if (accept is not null)
        {
            message.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(message);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        var what = $"{request.Method} {request.Url} (Accept: {accept}) {Excerpt(request.Body)} -> {status} {Excerpt(text)}";
        if (status >= 500)
        {
            return what;
        }

        if (status >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return what + " (not problem+json)";
        }

        return null;
    }

    private static string Excerpt(string? text) =>
        text is null ? "" : text.Length <= 160 ? text : text[..160] + "...";

    private static IEnumerable<HostileRequest> Requests(string method, string path, JsonNode operation,
        JsonObject? schemas)
    {
        var parameters = operation["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
        var query = parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!).ToList();

        // Hostile path values with no query, then a plausible path with each hostile query value in every parameter.
        foreach (var value in PathValues.Append("%F0%A0%80%80"))
        {
            yield return new HostileRequest(method, Fill(path, value), Body(method, "{}"));
        }

        if (query.Count > 0)
        {
            foreach (var value in QueryValues)
            {
                var queryString = string.Join('&', query.Select(name => $"{name}={value}"));
                yield return new HostileRequest(method, Fill(path, "x") + "?" + queryString, Body(method, "{}"));
            }
        }

        if (method is "POST" or "PUT" or "PATCH")
        {
            foreach (var body in RawBodies)
            {
                yield return new HostileRequest(method, Fill(path, "x"), body);
            }

            var schema = Resolve(operation["requestBody"]?["content"]?["application/json"]?["schema"], schemas);
            if (schema?["properties"] is JsonObject properties)
            {
                yield return new HostileRequest(method, Fill(path, "x"), WrongTypes(properties, schemas));
                yield return new HostileRequest(method, Fill(path, "x"), Extremes(properties, schemas));
                yield return new HostileRequest(method, Fill(path, "x"), EveryString(properties, schemas, "Anli Shan😀"));
                yield return new HostileRequest(method, Fill(path, "x"), EveryString(properties, schemas, "𠀀𠀁"));
            }
        }
    }

    private static string? Body(string method, string body) => method is "POST" or "PUT" or "PATCH" ? body : null;

    private static string Fill(string path, string value)
    {
        var builder = new StringBuilder();
        var inside = false;
        foreach (var c in path)
        {
            if (c == '{')
            {
                inside = true;
                builder.Append(value);
            }
            else if (c == '}')
            {
                inside = false;
            }
            else if (!inside)
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static JsonNode? Resolve(JsonNode? schema, JsonObject? schemas)
    {
        while (schema?["$ref"] is JsonValue reference)
        {
            schema = schemas?[((string)reference!).Split('/')[^1]];
        }

        return schema;
    }

    private static string? TypeOf(JsonNode? schema, JsonObject? schemas)
    {
        var resolved = Resolve(schema, schemas);
        return resolved?["type"] switch
        {
            JsonValue single => (string?)single,
            JsonArray several => several.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
            _ => resolved?["properties"] is not null ? "object" : null,
        };
    }

    /// <summary>Every string property set to <paramref name="value"/>, the others left out.</summary>
    private static string EveryString(JsonObject properties, JsonObject? schemas, string value)
    {
        var body = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            if (TypeOf(schema, schemas) == "string")
            {
                body[name] = value;
            }
        }

        return body.ToJsonString();
    }

    /// <summary>Every property with a value of another JSON type than the document says.</summary>
    private static string WrongTypes(JsonObject properties, JsonObject? schemas)
    {
        var body = new JsonObject();
        foreach (var (name, schema) in properties)
        {
            body[name] = TypeOf(schema, schemas) switch
            {
                "string" => JsonValue.Create(12345),
                "integer" or "number" => JsonValue.Create("x"),
                "boolean" => JsonValue.Create("yes"),
                "array" => new JsonObject(),
                _ => JsonValue.Create(true),
            };
        }

        return body.ToJsonString();
    }

    /// <summary>Every property of the right type at an extreme: huge numbers, control characters, long strings.</summary>
    private static string Extremes(JsonObject properties, JsonObject? schemas)
    {
        var body = new StringBuilder("{");
        foreach (var (name, schema) in properties)
        {
            var value = TypeOf(schema, schemas) switch
            {
                "string" => JsonSerializer.Serialize("\u0000\u202e" + new string('字', 5_000) + "\ud800"[..1]),
                "integer" => "1" + new string('0', 30),
                "number" => "1e308",
                "boolean" => "true",
                "array" => "[" + string.Join(',', Enumerable.Repeat("null", 1_000)) + "]",
                _ => "{\"type\":\"Point\",\"coordinates\":[1e308,-1e308]}",
            };
            body.Append(JsonSerializer.Serialize(name)).Append(':').Append(value).Append(',');
        }

        body.Length--;
        return body.Append('}').ToString();
    }

    /// <summary>
    /// The text policy and strict bodies, checked on every operation of the OpenAPI document: a field the schema does
    /// not have, a field given twice, and every string field holding NUL, a bidirectional override, a zero-width space,
    /// a private-use character or 20,001 characters are each refused with 400 naming the rule and the field, before
    /// the endpoint runs (so before any certificate serial or hold is taken); so are such characters in every query
    /// parameter and every path parameter.
    /// </summary>
    [Fact]
    public async Task EveryDocumentedOperation_RefusesWhatTheTextPolicyForbids_NamingTheRuleAndField()
    {
        var (client, document, schemas) = await DocumentedApiAsync();
        (string Value, string Rule)[] hostileText =
        [
            ("A\u0000B", "text-forbidden-character"), ("A\u202EB", "text-forbidden-character"),
            ("\u200B", "text-forbidden-character"), ("A\uE000", "text-forbidden-character"),
            (new string('字', 20_001), "text-too-long"),
        ];

        var checks = 0;
        var failures = new List<string>();
        async Task ExpectAsync(string method, string url, string? body, string rule, string field)
        {
            checks++;
            if (await RefusalAsync(client, method, url, body, rule, field) is { } failure)
            {
                failures.Add(failure);
            }
        }

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (verb, operation) in item!.AsObject())
            {
                var method = verb.ToUpperInvariant();
                var parameters = operation!["parameters"]?.AsArray().Select(p => p!).ToList() ?? [];
                var url = Fill(path, "x");
                foreach (var name in parameters.Where(p => (string?)p["in"] == "query").Select(p => (string)p["name"]!))
                {
                    await ExpectAsync(method, $"{url}?{name}=A%E2%80%AEB", Body(method, "{}"), "text-forbidden-character",
                        name);
                }

                foreach (var name in parameters.Where(p => (string?)p["in"] == "path").Select(p => (string)p["name"]!))
                {
                    await ExpectAsync(method, Fill(path, "A%E2%80%AEB"), Body(method, "{}"), "path-parameter-invalid",
                        name);
                }

                var schema = Resolve(operation["requestBody"]?["content"]?["application/json"]?["schema"], schemas);
                if (schema?["properties"] is not JsonObject properties || properties.Count == 0)
                {
                    continue;
                }

                var first = properties.First().Key;
                await ExpectAsync(method, url, "{\"notInTheSchema\":1}", "unknown-field", "notInTheSchema");
                await ExpectAsync(method, url, $"{{\"{first}\":null,\"{first}\":null}}", "duplicate-field", first);
                foreach (var (field, wrap) in PlainStrings(properties, schemas))
                {
                    foreach (var (value, rule) in hostileText)
                    {
                        await ExpectAsync(method, url, wrap(JsonValue.Create(value)!).ToJsonString(), rule, field);
                    }
                }
            }
        }

        Assert.True(checks > 300, $"only {checks} checks were generated from the OpenAPI document");
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {checks} refusals did not name the rule and field:\n" +
            string.Join('\n', failures.Take(40)));
    }

    /// <summary>
    /// A documented query parameter that is a number or a yes/no, given a value that reads as neither, or given twice,
    /// is refused with 400 <c>query-value</c> naming it, not a bare 400 that names nothing.
    /// </summary>
    [Fact]
    public async Task EveryNumberOrYesNoQueryParameter_RefusesAValueThatIsNone_NamingTheField()
    {
        var (client, document, schemas) = await DocumentedApiAsync();

        var checks = 0;
        var failures = new List<string>();
        // The OGC API's items read their own query (limit, bbox...) by the OGC rules, after the collection is found.
        foreach (var (path, item) in document["paths"]!.AsObject().Where(p => !p.Key.StartsWith("/ogc/")))
        {
            foreach (var (verb, operation) in item!.AsObject())
            {
                var method = verb.ToUpperInvariant();
                var typed = (operation!["parameters"]?.AsArray().Select(p => p!) ?? [])
                    .Where(p => (string?)p["in"] == "query"
                                && TypeOf(p["schema"], schemas) is "integer" or "boolean" or "number")
                    .Select(p => (string)p["name"]!);
                foreach (var name in typed)
                {
                    if (operation["x-problem-rules"]?.AsArray().All(r => (string?)r != "query-value") != false)
                    {
                        failures.Add($"{method} {path}: query-value is not among its documented problem rules");
                    }

                    foreach (var query in new[] { $"{name}=x", $"{name}=1&{name}=2" })
                    {
                        checks++;
                        if (await RefusalAsync(client, method, $"{Fill(path, "x")}?{query}", Body(method, "{}"),
                                "query-value", name) is { } failure)
                        {
                            failures.Add(failure);
                        }
                    }
                }
            }
        }

        Assert.True(checks >= 10, $"only {checks} checks were generated from the OpenAPI document");
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {checks} refusals did not name the rule and field:\n" +
            string.Join('\n', failures.Take(40)));
    }

    private static async Task<string?> RefusalAsync(HttpClient client, string method, string url, string? body,
        string rule, string field)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        var what = $"{method} {url} {Excerpt(body)} -> {(int)response.StatusCode} {Excerpt(text)}";
        if (response.StatusCode != HttpStatusCode.BadRequest ||
            response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return what + $" (expected 400 {rule})";
        }

        var problem = JsonNode.Parse(text)!;
        if ((string?)problem["rule"] != rule)
        {
            return what + $" (expected rule {rule})";
        }

        return problem["errors"]?[field] is null ? what + $" (expected an error for '{field}')" : null;
    }

    /// <summary>
    /// The plain string fields (no format, no enumeration) of a body, top level and one object down, each with its
    /// error key and a function that wraps a value into a body holding only that field.
    /// </summary>
    private static IEnumerable<(string Field, Func<JsonNode, JsonObject> Wrap)> PlainStrings(JsonObject properties,
        JsonObject? schemas)
    {
        foreach (var (name, schema) in properties)
        {
            var resolved = Resolve(schema, schemas);
            if (TypeOf(schema, schemas) == "string" && resolved?["format"] is null && resolved?["enum"] is null)
            {
                yield return (name, value => new JsonObject { [name] = value });
            }
            else if (TypeOf(schema, schemas) == "object" && resolved?["properties"] is JsonObject inner)
            {
                foreach (var (innerName, innerSchema) in inner)
                {
                    var innerResolved = Resolve(innerSchema, schemas);
                    if (TypeOf(innerSchema, schemas) == "string" && innerResolved?["format"] is null
                        && innerResolved?["enum"] is null)
                    {
                        yield return ($"{name}.{innerName}",
                            value => new JsonObject { [name] = new JsonObject { [innerName] = value } });
                    }
                }
            }
        }
    }

    private sealed record HostileRequest(string Method, string Url, string? Body);
}
