using Registry.Abstractions.Boundaries;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>What a geometry write did: created, new-version, corrected or unchanged; and the version now holding it.</summary>
public sealed record DivisionGeometryChangeResponse(string Code, RecordChange Change, int Version, DateOnly? EffectiveDate)
{
    public static DivisionGeometryChangeResponse From(string code, DivisionGeometryChange change) =>
        new(code, change.Change, change.Version, change.EffectiveDate);
}
