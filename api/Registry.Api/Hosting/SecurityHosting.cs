using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Registry.Api.Hosting;

/// <summary>
/// JWT bearer authentication configured from <c>Authentication:Schemes:Bearer</c>: in development the signing keys,
/// issuer and audiences that <c>dotnet user-jwts</c> writes to user secrets; in production an OpenID Connect
/// <c>Authority</c> and <c>ValidAudiences</c>. One policy per role.
/// </summary>
public static class SecurityHosting
{
    public static WebApplicationBuilder AddRegistrySecurity(this WebApplicationBuilder builder)
    {
        builder.WatchDevelopmentUserSecrets();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .PostConfigure<IConfiguration>((options, configuration) =>
                CachedSigningKeys.Install(options.TokenValidationParameters, configuration));
        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var role in RegistryPolicies.All)
        {
            authorization.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(role));
        }

        builder.Services.AddSingleton<OfficeJurisdiction>();

        return builder;
    }
}
