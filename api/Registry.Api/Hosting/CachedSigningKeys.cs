using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace Registry.Api.Hosting;

/// <summary>
/// The signing keys ASP.NET Core reads from <c>Authentication:Schemes:Bearer:SigningKeys</c>, read once per issuer
/// and key id instead of on every request (walking the configuration and decoding the keys was a few percent of the
/// CPU per request). The cache is dropped whenever the configuration reloads, so rotating a key in the configuration
/// still takes effect without a restart.
/// </summary>
public sealed class CachedSigningKeys
{
    private readonly IssuerSigningKeyResolver resolve;
    private ConcurrentDictionary<(string? Issuer, string? KeyId), SecurityKey[]> keys = new();

    private CachedSigningKeys(IssuerSigningKeyResolver resolve, IConfiguration configuration)
    {
        this.resolve = resolve;
        ChangeToken.OnChange(configuration.GetReloadToken, () => keys = new());
    }

    /// <summary>Puts the cache in front of the configured resolver; leaves an authority's keys (no resolver)
    /// alone.</summary>
    public static void Install(TokenValidationParameters parameters, IConfiguration configuration)
    {
        if (parameters.IssuerSigningKeyResolver is { } configured)
        {
            parameters.IssuerSigningKeyResolver = new CachedSigningKeys(configured, configuration).Resolve;
        }
    }

    private SecurityKey[] Resolve(string token, SecurityToken securityToken, string keyId,
        TokenValidationParameters parameters) =>
        keys.GetOrAdd((securityToken.Issuer, keyId),
            _ => resolve(token, securityToken, keyId, parameters)?.ToArray() ?? []);
}
