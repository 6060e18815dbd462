namespace Registry.Abstractions.Places;

/// <summary>One entry of a sign's upkeep: the condition it was put in, on which day, the note, who and when recorded.</summary>
[GenerateSerializer, Alias("Registry.Places.PlaceSignEvent")]
public sealed record PlaceSignEvent(
    [property: Id(0)] PlaceSignCondition Condition,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] string? Note,
    [property: Id(3)] string Actor,
    [property: Id(4)] DateTimeOffset RecordedAt);
