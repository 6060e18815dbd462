using Registry.Abstractions.Places;

namespace Registry.Api.Contracts.Places;

/// <summary>One change of a sign's condition: which, on what day, the note, who and when recorded.</summary>
public sealed record PlaceSignEventResponse(PlaceSignCondition Condition, DateOnly Date, string? Note, string Actor,
    DateTimeOffset RecordedAt)
{
    public static PlaceSignEventResponse From(PlaceSignEvent e) => new(e.Condition, e.Date, e.Note, e.Actor, e.RecordedAt);
}
