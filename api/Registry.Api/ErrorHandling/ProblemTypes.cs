namespace Registry.Api.ErrorHandling;

/// <summary>Problem <c>type</c> URIs: one per rule, so a client can branch on the rule that refused it.</summary>
public static class ProblemTypes
{
    public const string Prefix = "urn:registry:problem:";

    public static string For(string rule) => Prefix + rule;
}
