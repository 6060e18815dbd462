using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>A name borne from <c>validFrom</c> until the day before <c>validTo</c> (null: current).</summary>
public sealed record PlaceNamePeriodResponse(string Name, string Romanization, DateOnly? ValidFrom, DateOnly? ValidTo)
{
    public static PlaceNamePeriodResponse From(PlaceNamePeriod period) =>
        new(period.Name, period.Romanization, period.ValidFrom, period.ValidTo);
}
