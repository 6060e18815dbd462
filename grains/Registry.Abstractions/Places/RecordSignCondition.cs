namespace Registry.Abstractions.Places;

/// <summary>A change of a sign's condition (maintained, replaced, removed) on a date, with a note.</summary>
[GenerateSerializer, Alias("Registry.Places.RecordSignCondition")]
public sealed record RecordSignCondition(
    [property: Id(0)] PlaceSignCondition Condition,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] string? Note);
