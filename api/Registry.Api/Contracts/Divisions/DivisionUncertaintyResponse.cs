using Registry.Abstractions.Divisions;

namespace Registry.Api.Contracts.Divisions;

/// <summary>A change known only from two editions: after <c>after</c> and on or before <c>by</c>; the exact day is not
/// recorded.</summary>
public sealed record DivisionUncertaintyResponse(DateOnly After, DateOnly By, string Description)
{
    public static DivisionUncertaintyResponse? From(DivisionUncertainty? u) =>
        u is null ? null : new(u.After, u.By, u.Description);
}
