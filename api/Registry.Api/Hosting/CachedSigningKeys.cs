using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;

namespace Registry.Api.Hosting;

/// <summary>
/// The signing keys ASP.NET Core reads from <c>Authentication:Schemes:Bearer:SigningKeys</c>, read once per issuer
/// and key id instead of on every request (walking the configuration and decoding the keys was a few percent of the
/// CPU per request). ASP.NET Core hands them over twice: through a resolver, and as
/// <see cref="TokenValidationParameters.IssuerSigningKeys"/>, an iterator over the configuration that the token
/// handler enumerates again for every token (0.8% of the API's CPU on the marriage benchmark); both are cached. The
/// caches are dropped whenever the configuration reloads, so rotating a key in the configuration
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

    /// <summary>Puts the cache in front of the configured resolver and of the configured key list; leaves an
    /// authority's keys (neither configured) alone.</summary>
    public static void Install(TokenValidationParameters parameters, IConfiguration configuration)
    {
        if (parameters.IssuerSigningKeyResolver is { } configured)
        {
            parameters.IssuerSigningKeyResolver = new CachedSigningKeys(configured, configuration).Resolve;
        }

        if (parameters.IssuerSigningKeys is { } listed and not SecurityKey[] and not List<SecurityKey>)
        {
            parameters.IssuerSigningKeys = new ListedKeys(listed, configuration);
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

    /// <summary>The configured key list, enumerated once per configuration version instead of once per token.</summary>
    private sealed class ListedKeys : IEnumerable<SecurityKey>
    {
        private readonly IEnumerable<SecurityKey> source;
        private SecurityKey[]? keys;

        public ListedKeys(IEnumerable<SecurityKey> source, IConfiguration configuration)
        {
            this.source = source;
            ChangeToken.OnChange(configuration.GetReloadToken, () => keys = null);
        }

        public IEnumerator<SecurityKey> GetEnumerator() =>
            ((IEnumerable<SecurityKey>)(keys ??= source.ToArray())).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
