using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Registry.Cluster.Tests;

/// <summary>
/// HS256 bearer tokens and the API settings that accept them (the shape <c>dotnet user-jwts</c> writes), for an API
/// running as a separate process.
/// </summary>
public static class TestTokens
{
    private const string Issuer = "registry-cluster-tests";
    private const string Audience = "registry";
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("registry-cluster-tests-signing-key-32+bytes");

    /// <summary>Command-line settings for the API process.</summary>
    public static IEnumerable<string> ApiArguments =>
    [
        $"--Authentication:Schemes:Bearer:ValidIssuer={Issuer}",
        $"--Authentication:Schemes:Bearer:ValidAudiences:0={Audience}",
        $"--Authentication:Schemes:Bearer:SigningKeys:0:Issuer={Issuer}",
        $"--Authentication:Schemes:Bearer:SigningKeys:0:Value={Convert.ToBase64String(Key)}",
    ];

    public static string Create(params string[] roles)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(new Dictionary<string, object> { ["alg"] = "HS256", ["typ"] = "JWT" });
        var payload = Encode(new Dictionary<string, object>
        {
            ["iss"] = Issuer,
            ["aud"] = Audience,
            ["sub"] = "cluster-test",
            ["unique_name"] = "cluster-test",
            ["role"] = roles,
            ["nbf"] = now - 60,
            ["iat"] = now - 60,
            ["exp"] = now + 3600,
        });
        var signature = Base64Url(HMACSHA256.HashData(Key, Encoding.ASCII.GetBytes(header + "." + payload)));
        return $"{header}.{payload}.{signature}";
    }

    private static string Encode(Dictionary<string, object> value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
