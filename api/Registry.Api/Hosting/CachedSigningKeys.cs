using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace Registry.Api.Hosting;

/// <summary>
/// The signing keys ASP.NET Core reads from <c>Authentication:Schemes:Bearer:SigningKeys</c>, read once per issuer
/// and key id instead of on every request (walking the configuration and decoding the keys was a few percent of the
/// CPU per request). The cache is dropped whenever the configuration reloads, so rotating a key in the configuration
/// still takes effect without a restart. The issuer and key id come from the token before its signature is checked,
/// so anyone can send new ones: the cache stops growing at <see cref="Capacity"/> entries and resolves further pairs
/// uncached.
/// </summary>
public sealed class CachedSigningKeys
{
    /// <summary>At most this many (issuer, key id) pairs are cached; a deployment has a handful.</summary>
    public const int Capacity = 256;

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
        TokenValidationParameters parameters)
    {
        var cache = keys;
        if (cache.TryGetValue((securityToken.Issuer, keyId), out var cached))
        {
            return cached;
        }

        var resolved = resolve(token, securityToken, keyId, parameters)?.ToArray() ?? [];
        if (cache.Count < Capacity)
        {
            cache.TryAdd((securityToken.Issuer, keyId), resolved);
        }

        return resolved;
    }
}
