using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Api.Hosting;

namespace Registry.Api.Tests.Hosting;

/// <summary>The configured signing keys are read once per issuer and key id, and again after the configuration
/// reloads.</summary>
public sealed class CachedSigningKeysTests
{
    private static readonly SecurityKey First = new SymmetricSecurityKey(new byte[32]);
    private static readonly SecurityKey Second = new SymmetricSecurityKey(Enumerable.Repeat((byte)7, 32).ToArray());

    private static SecurityToken TokenFrom(string issuer) =>
        new JsonWebToken(new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor { Issuer = issuer }));

    [Fact]
    public void Resolve_ReadsTheConfigurationOncePerIssuer_AndAgainAfterAReload()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var reads = new List<string>();
        var current = First;
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeyResolver = (_, token, _, _) =>
            {
                reads.Add(token.Issuer);
                return [current];
            },
        };
        CachedSigningKeys.Install(parameters, configuration);
        var resolve = parameters.IssuerSigningKeyResolver!;
        var token = TokenFrom("registry-tests");

        var first = resolve("", token, "", parameters);
        var again = resolve("", token, "", parameters);
        var otherIssuer = resolve("", TokenFrom("someone-else"), "", parameters);
        current = Second;
        var beforeReload = resolve("", token, "", parameters);
        configuration.Reload();
        var afterReload = resolve("", token, "", parameters);

        Assert.Same(First, Assert.Single(first));
        Assert.Same(First, Assert.Single(again));
        Assert.Same(First, Assert.Single(otherIssuer));
        Assert.Same(First, Assert.Single(beforeReload));
        Assert.Same(Second, Assert.Single(afterReload));
        Assert.Equal(["registry-tests", "someone-else", "registry-tests"], reads);
    }

    [Fact]
    public void Resolve_StopsCachingAtItsCapacity_SoUnsignedKeyIdsCannotGrowIt()
    {
        var reads = new List<string>();
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKeyResolver = (_, _, keyId, _) =>
            {
                reads.Add(keyId);
                return [First];
            },
        };
        CachedSigningKeys.Install(parameters, new ConfigurationBuilder().Build());
        var resolve = parameters.IssuerSigningKeyResolver!;
        var token = TokenFrom("registry-tests");

        // Key ids as anyone may put them in a token's header, before its signature is checked.
        for (var i = 0; i < CachedSigningKeys.Capacity; i++)
        {
            resolve("", token, $"made-up-{i}", parameters);
        }

        resolve("", token, "one-too-many", parameters);
        resolve("", token, "one-too-many", parameters);
        resolve("", token, "made-up-0", parameters);

        Assert.Equal(CachedSigningKeys.Capacity + 2, reads.Count);
        Assert.Equal(["one-too-many", "one-too-many"], reads[^2..]);
    }

    [Fact]
    public void IssuerSigningKeys_AreEnumeratedOncePerConfigurationVersion_NotPerToken()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection().Build();
        var enumerations = 0;
        var current = First;
        IEnumerable<SecurityKey> Listed()
        {
            enumerations++;
            yield return current;
        }

        var parameters = new TokenValidationParameters { IssuerSigningKeys = Listed() };
        CachedSigningKeys.Install(parameters, configuration);

        var first = parameters.IssuerSigningKeys.ToList();
        var again = parameters.IssuerSigningKeys.ToList();
        current = Second;
        var beforeReload = parameters.IssuerSigningKeys.ToList();
        configuration.Reload();
        var afterReload = parameters.IssuerSigningKeys.ToList();

        Assert.Same(First, Assert.Single(first));
        Assert.Same(First, Assert.Single(again));
        Assert.Same(First, Assert.Single(beforeReload));
        Assert.Same(Second, Assert.Single(afterReload));
        Assert.Equal(2, enumerations);
    }

    [Fact]
    public void Install_WithoutAConfiguredResolver_LeavesTheParametersAlone()
    {
        var parameters = new TokenValidationParameters();

        CachedSigningKeys.Install(parameters, new ConfigurationBuilder().Build());

        Assert.Null(parameters.IssuerSigningKeyResolver);
    }
}
