using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Registry.Api.Hosting.OpenApi;

/// <summary>
/// Writes <see cref="ContractDocumentation"/> into each operation of the OpenAPI document: the description, the role
/// its authorization policy admits (read from the policy itself, so a changed policy changes the document), every
/// problem rule it can answer (also as <c>x-problem-rules</c>), its parameters' descriptions and its request body's
/// example. Operations without a row stay undescribed, which the contract test reports.
/// </summary>
public sealed class ContractOperationFilter(IOptions<AuthorizationOptions> authorization,
    IOptions<JsonOptions> json) : IOperationFilter
{
    private readonly ExampleValues examples = ExampleValues.Instance;

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var id = operation.OperationId ?? "";
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var roles = Roles(metadata);
        var hasBody = context.ApiDescription.ParameterDescriptions.Any(p => p.Source == BindingSource.Body);
        var hasPath = context.ApiDescription.ParameterDescriptions.Any(p => p.Source == BindingSource.Path);
        var hasTypedQuery = context.ApiDescription.ParameterDescriptions.Any(p => p.Source == BindingSource.Query
            && ErrorHandling.TypedQueryChecks.IsChecked(p.Type));

        if (ContractDocumentation.Operations.TryGetValue(id, out var doc))
        {
            var rules = doc.Rules
                .Concat(hasBody ? ContractDocumentation.WithBody : [])
                .Concat(hasPath ? ContractDocumentation.WithPathParameters : [])
                .Concat(hasTypedQuery ? ContractDocumentation.WithTypedQuery : [])
                .Concat(roles is null ? [] : ContractDocumentation.Secured)
                .Concat(context.ApiDescription.HttpMethod is "GET" or "HEAD" ? [] : ContractDocumentation.Change)
                .Concat(ContractDocumentation.AnyOperation)
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var text = new StringBuilder(doc.Description);
            text.Append("\n\n**Role:** ").Append(roles is null ? "none (public)" : string.Join(" or ", roles.Select(r => $"`{r}`")));
            text.Append("\n\n**Problem rules** (the `rule` member of a problem+json answer): ")
                .Append(string.Join(", ", rules.Select(r => $"`{r}`")));
            operation.Description = text.ToString();
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-problem-rules"] = new JsonNodeExtension(
                new System.Text.Json.Nodes.JsonArray(rules.Select(r => (System.Text.Json.Nodes.JsonNode?)r).ToArray()));
        }

        if (roles is not null)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions["x-required-roles"] = new JsonNodeExtension(
                new System.Text.Json.Nodes.JsonArray(roles.Select(r => (System.Text.Json.Nodes.JsonNode?)r).ToArray()));
        }

        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter concrete && string.IsNullOrEmpty(concrete.Description))
            {
                concrete.Description = ContractDocumentation.ParameterDescription(id, concrete.Name ?? "");
            }
        }

        var bodyType = context.ApiDescription.ParameterDescriptions
            .FirstOrDefault(p => p.Source == BindingSource.Body)?.Type;
        var value = bodyType is not null && ContractDocumentation.Requests.TryGetValue(bodyType, out var request)
            ? request.Example(examples)
            : ContractDocumentation.RawBodies.TryGetValue(id, out var raw) ? raw(examples) : null;
        if (value is not null && operation.RequestBody?.Content is { } content)
        {
            var example = JsonSerializer.SerializeToNode(value, value.GetType(), json.Value.SerializerOptions);
            foreach (var media in content.Values.OfType<OpenApiMediaType>())
            {
                media.Example = example?.DeepClone();
            }
        }
    }

    /// <summary>The roles the endpoint's authorization policies admit; null for a public endpoint.</summary>
    private IReadOnlyList<string>? Roles(IList<object> metadata)
    {
        if (metadata.OfType<IAllowAnonymous>().Any() ||
            !metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<AuthorizationPolicy>().Any())
        {
            return null;
        }

        // Policies given inline (RequireAuthorization(policy => ...)) are in the metadata themselves.
        var roles = metadata.OfType<AuthorizationPolicy>()
            .SelectMany(p => p.Requirements.OfType<RolesAuthorizationRequirement>())
            .SelectMany(r => r.AllowedRoles)
            .ToList();
        foreach (var data in metadata.OfType<IAuthorizeData>())
        {
            var policy = data.Policy is { } name ? authorization.Value.GetPolicy(name) : authorization.Value.DefaultPolicy;
            roles.AddRange(policy?.Requirements.OfType<RolesAuthorizationRequirement>()
                .SelectMany(r => r.AllowedRoles) ?? []);
            roles.AddRange(data.Roles?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? []);
        }

        return roles.Count > 0 ? roles.Distinct(StringComparer.Ordinal).ToList() : ["any authenticated caller"];
    }
}

/// <summary>Marks the fields a request body cannot go without as required in its schema.</summary>
public sealed class ContractSchemaFilter(IOptions<JsonOptions> json) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete ||
            !ContractDocumentation.Requests.TryGetValue(context.Type, out var request))
        {
            return;
        }

        concrete.Required ??= new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in request.Required)
        {
            concrete.Required.Add(json.Value.SerializerOptions.PropertyNamingPolicy?.ConvertName(field) ?? field);
        }
    }
}
