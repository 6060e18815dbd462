using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Registry.Api.Hosting;

/// <summary>
/// What changes with <c>ASPNETCORE_ENVIRONMENT=Production</c>: the service refuses to start without an OpenID Connect
/// authority (<see cref="AuthorityKey"/>), accepts only the authority's signing keys (never the development keys
/// <c>dotnet user-jwts</c> writes under <c>SigningKeys</c>), serves Swagger only when <see cref="SwaggerKey"/> is true,
/// and sends HSTS on HTTPS answers.
/// </summary>
public static class ProductionHosting
{
    public const string AuthorityKey = "Authentication:Schemes:Bearer:Authority";
    public const string SwaggerKey = "Registry:Swagger:Enabled";

    public static WebApplicationBuilder AddRegistryProduction(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsProduction())
        {
            return builder;
        }

        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Validate(options => !string.IsNullOrWhiteSpace(options.Authority),
                $"Production needs an OpenID Connect authority: set {AuthorityKey} (e.g. the environment variable " +
                $"{AuthorityKey.Replace(":", "__", StringComparison.Ordinal)}) to the identity provider's issuer URL.")
            .PostConfigure(options =>
            {
                // Only the keys the authority publishes validate tokens in production.
                options.TokenValidationParameters.IssuerSigningKeyResolver = null;
                options.TokenValidationParameters.IssuerSigningKeys = null;
                options.TokenValidationParameters.IssuerSigningKey = null;
            })
            .ValidateOnStart();
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    /// <summary>True when Swagger is served: always outside production, in production only when configured on.</summary>
    public static bool SwaggerEnabled(this WebApplication app) =>
        !app.Environment.IsProduction() || app.Configuration.GetValue<bool>(SwaggerKey);

    public static WebApplication UseRegistryProduction(this WebApplication app)
    {
        if (app.Environment.IsProduction())
        {
            app.UseHsts();
        }

        return app;
    }
}
