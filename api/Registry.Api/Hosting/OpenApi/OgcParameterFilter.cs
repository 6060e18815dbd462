using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Registry.Api.Ogc;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Registry.Api.Hosting.OpenApi;

/// <summary>
/// Adds the query parameters of the OGC API - Features operations (the handlers read the query themselves, so the
/// API explorer cannot see them) with their schemas; <see cref="ContractOperationFilter"/> then writes their
/// descriptions from <see cref="OgcDocs"/>.
/// </summary>
public sealed class OgcParameterFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var id = operation.OperationId ?? "";
        if (!id.StartsWith("Ogc", StringComparison.Ordinal))
        {
            return;
        }

        var name = id.EndsWith("Head", StringComparison.Ordinal) ? id[..^4] : id;
        operation.Parameters ??= [];
        if (name == "OgcItems")
        {
            Add(operation, "limit", new OpenApiSchema { Type = JsonSchemaType.Integer, Default = JsonValue.Create(10) });
            Add(operation, "bbox", new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                MinItems = 4,
                MaxItems = 6,
                Items = new OpenApiSchema { Type = JsonSchemaType.Number },
            });
            Add(operation, "bbox-crs", Crs());
            Add(operation, "datetime", new OpenApiSchema { Type = JsonSchemaType.String });
            Add(operation, "crs", Crs());
            Add(operation, "filter", new OpenApiSchema { Type = JsonSchemaType.String });
            Add(operation, "filter-lang", Enum("cql2-text", "cql2-text", "cql2-json"));
            Add(operation, "filter-crs", Crs());
            Add(operation, "cursor", new OpenApiSchema { Type = JsonSchemaType.String });
        }
        else if (name == "OgcItem")
        {
            Add(operation, "crs", Crs());
        }

        Add(operation, "f", Enum("json", "json", "html"));
    }

    private static OpenApiSchema Crs() => Enum(OgcCrs.Crs84.Uri, OgcCrs.Supported.Select(c => c.Uri).ToArray());

    private static OpenApiSchema Enum(string fallback, params string[] values) => new()
    {
        Type = JsonSchemaType.String,
        Default = JsonValue.Create(fallback),
        Enum = values.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
    };

    private static void Add(OpenApiOperation operation, string name, OpenApiSchema schema) =>
        operation.Parameters!.Add(new OpenApiParameter
        {
            Name = name,
            In = ParameterLocation.Query,
            Required = false,
            Style = ParameterStyle.Form,
            Explode = false,
            Schema = schema,
        });
}
