using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Registry.Api.Tests;

/// <summary>
/// The OpenAPI document is the contract: every operation and parameter described, every secured operation with its
/// role, every operation with its problem rules, every request body with an example that the operation accepts and
/// whose required fields are really required. Walks <c>/swagger/v1/swagger.json</c>, so an endpoint added without
/// its documentation row fails here.
/// </summary>
public sealed class ContractDocumentationTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private sealed record Operation(string Method, string Path, JsonObject Node)
    {
        public string Id => Node["operationId"]?.GetValue<string>() ?? $"{Method} {Path}";

        public JsonNode? Example => Node["requestBody"]?["content"]?["application/json"]?["example"];

        public IEnumerable<JsonObject> Parameters => Node["parameters"]?.AsArray().OfType<JsonObject>() ?? [];

        public IReadOnlyList<string> Roles =>
            Node["x-required-roles"]?.AsArray().Select(r => r!.GetValue<string>()).ToList() ?? [];
    }

    private async Task<(JsonNode Document, List<Operation> Operations)> DocumentAsync()
    {
        var document = JsonNode.Parse(
            await fixture.Factory.ClientWithRoles().GetStringAsync("/swagger/v1/swagger.json"))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Select(op => new Operation(op.Key.ToUpperInvariant(), path.Key, op.Value!.AsObject())))
            .ToList();
        return (document, operations);
    }

    [Fact]
    public async Task EveryOperation_HasDescriptionRoleRulesDescribedParametersAndBodyExample()
    {
        var (_, operations) = await DocumentAsync();
        var missing = new List<string>();
        foreach (var op in operations)
        {
            if (string.IsNullOrWhiteSpace(op.Node["description"]?.GetValue<string>()))
            {
                missing.Add($"{op.Id}: no description");
            }

            if (op.Node["x-problem-rules"] is not JsonArray { Count: > 0 })
            {
                missing.Add($"{op.Id}: no problem rules");
            }

            if (op.Node["security"] is JsonArray { Count: > 0 } && op.Roles.Count == 0)
            {
                missing.Add($"{op.Id}: secured, but no role shown");
            }

            missing.AddRange(op.Parameters
                .Where(p => string.IsNullOrWhiteSpace(p["description"]?.GetValue<string>()))
                .Select(p => $"{op.Id}: parameter '{p["name"]}' undescribed"));
            if (op.Node["requestBody"]?["content"] is JsonObject content)
            {
                missing.AddRange(content.Where(media => media.Value?["example"] is null)
                    .Select(media => $"{op.Id}: request body {media.Key} without example"));
            }
        }

        Assert.NotEmpty(operations);
        Assert.True(missing.Count == 0, "Undocumented:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task EveryRequestExample_HasItsRequiredFields_AndOnlyFieldsOfItsSchema()
    {
        var (document, operations) = await DocumentAsync();
        var wrong = new List<string>();
        foreach (var op in operations.Where(o => o.Example is JsonObject))
        {
            var schema = Resolve(document,
                op.Node["requestBody"]!["content"]!["application/json"]!["schema"]);
            if (schema?["properties"] is not JsonObject properties)
            {
                continue;
            }

            var example = op.Example!.AsObject();
            wrong.AddRange(example.Select(p => p.Key).Where(key => !properties.ContainsKey(key))
                .Select(key => $"{op.Id}: example field '{key}' is not in the schema"));
            wrong.AddRange(Required(schema).Where(field => example[field] is null)
                .Select(field => $"{op.Id}: required '{field}' missing from the example"));
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task EveryRequiredField_LeftOut_Is400NamingIt_AndTheWholeExampleIsNotRefusedAsMalformed()
    {
        var (document, operations) = await DocumentAsync();
        var wrong = new List<string>();
        var checkedFields = 0;
        foreach (var op in operations.Where(o => o.Example is JsonObject))
        {
            var schema = Resolve(document, op.Node["requestBody"]!["content"]!["application/json"]!["schema"]);
            var path = WithPathValues(op);
            // A marriage registrar acts at their own office only (the examples' county); the others here act nationally.
            using var client = fixture.Factory.CreateClient();
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Bearer", RegistryApiFactory.Token(Role(op), office: Role(op).Contains("registrar.marriage")
                    ? Registry.Api.Hosting.OpenApi.ExampleValues.Instance.County
                    : Registry.Abstractions.Divisions.Jurisdiction.NationalOffice));

            // Sent whole, the example may meet a state it does not fit (404, 409, 422), never a 400 about its body.
            var whole = await SendAsync(client, op.Method, path, op.Example!.ToJsonString());
            var fields = await BodyErrorsAsync(whole, op);
            if (fields.Count > 0)
            {
                wrong.Add($"{op.Id}: the example is refused: {string.Join(", ", fields)}");
            }

            foreach (var field in schema is null ? [] : Required(schema))
            {
                var without = op.Example!.DeepClone().AsObject();
                without.Remove(field);
                using var response = await SendAsync(client, op.Method, path, without.ToJsonString());
                var body = await response.Content.ReadAsStringAsync();
                checkedFields++;
                if (response.StatusCode != HttpStatusCode.BadRequest ||
                    JsonNode.Parse(body)?["errors"]?[field] is null)
                {
                    wrong.Add($"{op.Id}: without '{field}': {(int)response.StatusCode} {body}");
                }
            }
        }

        Assert.True(checkedFields > 30, $"only {checkedFields} required fields checked");
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static JsonNode? Resolve(JsonNode document, JsonNode? schema) =>
        schema?["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/')[^1]]
            : schema;

    private static IEnumerable<string> Required(JsonNode schema) =>
        schema["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? [];

    /// <summary>A role the operation admits, preferring a registrar's (an organization's token needs its code).</summary>
    private static string[] Role(Operation op) =>
        op.Roles.Count == 0 ? [] : [op.Roles.FirstOrDefault(r => r != "organization") ?? op.Roles[0]];

    /// <summary>Well-formed values for the path's parameters, from the examples' own values where there are any.</summary>
    private static string WithPathValues(Operation op)
    {
        var example = op.Example;
        var path = op.Path;
        string? Text(string field) => example?[field]?.GetValue<string>();
        var values = new Dictionary<string, string>
        {
            ["code"] = Text("divisionCode")?[..6] ?? "110101",
            ["uscc"] = "51110101MJ0000001W",
            ["year"] = "2025",
            ["idNumber"] = Text("party") ?? "110101199605011019",
            ["number"] = path.Contains("/markers/", StringComparison.Ordinal) ? "1112001Q" : "1112",
            ["id"] = path.Contains("/marriages/", StringComparison.Ordinal) ? new string('a', 32)
                : path.Contains("/divorce-applications/", StringComparison.Ordinal) ? new string('a', 32) + "-1"
                : "00000000-0000-0000-0000-000000000001",
        };
        foreach (var (name, value) in values)
        {
            path = path.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return path;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string path,
        string json) =>
        await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        });

    /// <summary>The fields of the body a 400 answer names (path parameters were made up here; a raw body's
    /// operation may also need query parameters, which the example does not carry).</summary>
    private static async Task<List<string>> BodyErrorsAsync(HttpResponseMessage response, Operation op)
    {
        if (response.StatusCode != HttpStatusCode.BadRequest)
        {
            return [];
        }

        var body = await response.Content.ReadAsStringAsync();
        var example = op.Example!.AsObject();
        var errors = JsonNode.Parse(body)?["errors"]?.AsObject();
        return errors is null
            ? [body]
            : errors.Select(e => e.Key).Where(k => k == "body" || example.ContainsKey(k.Split('.')[0])).ToList();
    }
}
