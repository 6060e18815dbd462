using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Registry.Api.Hosting;

/// <summary>The OpenAPI document at <c>/swagger/v1/swagger.json</c> and Swagger UI at <c>/swagger</c>.</summary>
public static class SwaggerHosting
{
    private const string SchemeName = "Bearer";

    public static WebApplicationBuilder AddRegistrySwagger(this WebApplicationBuilder builder)
    {
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Registry",
                Version = "v1",
                Description = "System of record of a civil-affairs bureau. Errors are RFC 9457 problem+json whose " +
                    "'rule' names the rule that refused the request.",
            });
            options.AddSecurityDefinition(SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A JWT; in development: dotnet user-jwts create --project api/Registry.Api --role ROLE",
            });
            options.CustomSchemaIds(SchemaIds.For);
            options.OperationFilter<BearerRequirementFilter>();
            // Descriptions, roles, problem rules, parameter descriptions, examples and required fields, from one
            // documentation table per resource (OpenApi/*Docs.cs).
            options.OperationFilter<OpenApi.OgcParameterFilter>();
            options.OperationFilter<OpenApi.ContractOperationFilter>();
            options.SchemaFilter<OpenApi.ContractSchemaFilter>();
        });
        return builder;
    }

    /// <summary>Marks operations that require a token, and only those.</summary>
    private sealed class BearerRequirementFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
            {
                return;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [],
            });
        }
    }
}
