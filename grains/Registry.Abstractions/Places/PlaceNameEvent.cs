namespace Registry.Abstractions.Places;

/// <summary>One recorded change: what, the date it takes effect, when and by whom it was recorded, why.</summary>
[GenerateSerializer, Alias("Registry.Places.PlaceNameEvent")]
public sealed record PlaceNameEvent(
    [property: Id(0)] int Sequence,
    [property: Id(1)] PlaceNameEventKind Kind,
    [property: Id(2)] DateOnly EffectiveDate,
    [property: Id(3)] DateTimeOffset RecordedAt,
    [property: Id(4)] string Actor,
    [property: Id(5)] string? Reason,
    [property: Id(6)] string? Detail);
