using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Registry.Abstractions.Divisions;
using Registry.Storage.Tests.Servers;

namespace Registry.Api.Tests;

/// <summary>
/// The real API with its embedded silo and SQLite database in a directory of the test's choosing, a free silo port,
/// a controllable clock, and bearer tokens signed the way <c>dotnet user-jwts</c> signs them.
/// </summary>
public sealed class RegistryApiFactory(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    private const string Issuer = "registry-tests";
    private const string Audience = "registry";
    private static readonly byte[] SigningKey = Encoding.UTF8.GetBytes("registry-tests-signing-key-of-32+bytes!");

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));

    public string DataDirectory => dataDirectory;

    /// <summary>Today in the bureau's zone (Asia/Shanghai) for <see cref="Time"/>.</summary>
    public DateOnly Today => DateOnly.FromDateTime(Time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Registry:DataDirectory", dataDirectory);
        builder.UseSetting("Registry:Clustering:SiloPort", LocalPorts.Free().ToString());
        builder.UseSetting("Registry:Clustering:GatewayPort", "0");

        // Seeding the 41,352 township names costs a first start seconds; the tests that check it seed themselves.
        builder.UseSetting("Registry:Seed:PlaceNames", "false");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        foreach (var (key, value) in BearerSettings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    /// <summary>The bearer settings, shaped as <c>dotnet user-jwts</c> writes them, that accept <see cref="Token"/>.</summary>
    public static IReadOnlyDictionary<string, string> BearerSettings { get; } = new Dictionary<string, string>
    {
        ["Authentication:Schemes:Bearer:ValidIssuer"] = Issuer,
        ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Audience,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Issuer"] = Issuer,
        ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Convert.ToBase64String(SigningKey),
    };

    /// <summary>A client whose requests carry a token of a registrar of <paramref name="office"/> (null: a token
    /// without the office claim) with the given roles.</summary>
    public HttpClient ClientAt(string? office, params string[] roles)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            Token(roles, "registrar-" + (office ?? "none"), office: office));
        return client;
    }

    /// <summary>A client whose requests carry a token with the given roles (none: anonymous).</summary>
    public HttpClient ClientWithRoles(params string[] roles)
    {
        var client = CreateClient();
        if (roles.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(roles));
        }

        return client;
    }

    /// <summary>
    /// A token for <paramref name="user"/> with <paramref name="roles"/>, working for <paramref name="office"/> (claim
    /// <c>office</c>; by default the national office, which covers every division; null: no claim).
    /// </summary>
    public static string Token(IEnumerable<string> roles, string user = "test-user",
        IReadOnlyDictionary<string, string>? extraClaims = null, byte[]? signingKey = null,
        string? office = Jurisdiction.NationalOffice)
    {
        var claims = new List<Claim> { new(JwtRegisteredClaimNames.Sub, user), new("unique_name", user) };
        claims.AddRange(roles.Select(role => new Claim("role", role)));
        if (office is not null)
        {
            claims.Add(new Claim(Jurisdiction.OfficeClaim, office));
        }

        claims.AddRange((extraClaims ?? new Dictionary<string, string>()).Select(pair => new Claim(pair.Key, pair.Value)));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.AddHours(1),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(signingKey ?? SigningKey),
                SecurityAlgorithms.HmacSha256),
        });
    }

}
