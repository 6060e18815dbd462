using System.Net;
using System.Text.Json;

namespace Registry.Api.Tests.Offices;

/// <summary>
/// The four callers of the jurisdiction matrix, and what each must get. Real division codes of the seeded lists:
/// 东城区 110101 under 市辖区 110100 under 北京市 110000; 天河区 440106 is another office.
/// </summary>
public static class OfficeMatrix
{
    public const string Dongcheng = "110101";
    public const string BeijingCity = "110100";
    public const string Beijing = "110000";
    public const string Tianhe = "440106";

    /// <summary>The callers: the record's own office, an office above it, another office, a token without the
    /// claim.</summary>
    public static IReadOnlyList<string> Cases { get; } = ["own", "above", "other", "no-claim"];

    /// <summary>A request the jurisdiction rule let through: whatever the handler answered, it is no 403.</summary>
    public static async Task AssertPassedAsync(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode != HttpStatusCode.Forbidden, $"{what}: 403 {body}");
        if (body.StartsWith('{') && JsonDocument.Parse(body).RootElement.TryGetProperty("rule", out var rule))
        {
            Assert.DoesNotContain("office-", rule.GetString(), StringComparison.Ordinal);
        }
    }

    /// <summary>A request refused for the office: 403 naming <c>office-jurisdiction</c>.</summary>
    public static Task AssertOutsideAsync(HttpResponseMessage response) =>
        Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden, "office-jurisdiction");

    /// <summary>A request refused for the missing claim: 403 naming <c>office-claim-missing</c>.</summary>
    public static Task AssertClaimMissingAsync(HttpResponseMessage response) =>
        Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden, "office-claim-missing");

    /// <summary>Asserts what a caller of <paramref name="case"/> gets when the rule allows the own office and offices
    /// above it.</summary>
    public static Task AssertWithinAsync(string @case, HttpResponseMessage response, string what) => @case switch
    {
        "own" or "above" => AssertPassedAsync(response, what),
        "other" => AssertOutsideAsync(response),
        _ => AssertClaimMissingAsync(response),
    };
}
