using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Storage.Tests.Servers;

namespace Registry.Api.Tests.Hosting;

/// <summary>
/// A minimal OpenID Connect authority on a real loopback port: the discovery document and its JSON Web Key Set (one
/// RSA key), and tokens signed with that key. Stands in for the bureau's identity provider.
/// </summary>
public sealed class TestAuthority : IAsyncDisposable
{
    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "test-authority-key" };
    private readonly WebApplication app;

    private TestAuthority(WebApplication app, string address)
    {
        this.app = app;
        Address = address;
    }

    /// <summary>The issuer URL, also the authority the API is configured with.</summary>
    public string Address { get; }

    public static async Task<TestAuthority> StartAsync()
    {
        var address = $"http://127.0.0.1:{LocalPorts.Free()}";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(address);
        var app = builder.Build();
        var authority = new TestAuthority(app, address);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = address,
            ["jwks_uri"] = address + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () => Results.Text(
            JsonSerializer.Serialize(new { keys = new[] { authority.PublicJwk() } }), "application/json"));
        await app.StartAsync();
        return authority;
    }

    /// <summary>A token the authority issues for a user with roles and claims.</summary>
    public string Token(string audience, IEnumerable<string> roles, IReadOnlyDictionary<string, string> claims)
    {
        var subject = new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.Sub, "oidc-user")]);
        subject.AddClaims(roles.Select(role => new Claim("role", role)));
        subject.AddClaims(claims.Select(pair => new Claim(pair.Key, pair.Value)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Address,
            Audience = audience,
            Subject = subject,
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private Dictionary<string, string> PublicJwk()
    {
        var parameters = key.Rsa.ExportParameters(false);
        return new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        key.Rsa.Dispose();
    }
}
