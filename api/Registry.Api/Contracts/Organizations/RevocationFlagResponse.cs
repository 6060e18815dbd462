using Registry.Abstractions.Organizations;

namespace Registry.Api.Contracts.Organizations;

/// <summary>Grounds to revoke the registration: two consecutive report years not filed or failed.</summary>
public sealed record RevocationFlagResponse(DateOnly FlaggedOn, string Ground, IReadOnlyList<int> Years)
{
    public static RevocationFlagResponse From(RevocationFlag flag) => new(flag.FlaggedOn, flag.Ground, flag.Years);
}
