using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>A history entry: what, effective date, when recorded, by whom, why.</summary>
public sealed record PlaceNameEventResponse(int Sequence, PlaceNameEventKind Kind, DateOnly EffectiveDate,
    DateTimeOffset RecordedAt, string Actor, string? Reason, string? Detail)
{
    public static PlaceNameEventResponse From(PlaceNameEvent e) =>
        new(e.Sequence, e.Kind, e.EffectiveDate, e.RecordedAt, e.Actor, e.Reason, e.Detail);
}
