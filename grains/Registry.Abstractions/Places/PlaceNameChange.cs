namespace Registry.Abstractions.Places;

/// <summary>
/// A rename or abolition of a place name, numbered from 1 within its record. <see cref="Name"/> and
/// <see cref="Romanization"/> are the new name (null for an abolition); <see cref="EffectiveDate"/> the day it takes
/// effect once approved (it may lie in the future); <see cref="InForce"/> whether it is approved and that day has
/// come, by the bureau's calendar when the record was read.
/// </summary>
[GenerateSerializer, Alias("Registry.Places.PlaceNameChange")]
public sealed record PlaceNameChange(
    [property: Id(0)] int Number,
    [property: Id(1)] PlaceNameChangeKind Kind,
    [property: Id(2)] string? Name,
    [property: Id(3)] string? Romanization,
    [property: Id(4)] string? RomanizationLanguage,
    [property: Id(5)] DateOnly EffectiveDate,
    [property: Id(6)] string Reason,
    [property: Id(7)] PlaceNameChangeStatus Status,
    [property: Id(8)] DateOnly ProposedOn,
    [property: Id(9)] string? ApprovingAuthority,
    [property: Id(10)] DateOnly? ApprovedOn,
    [property: Id(11)] DateOnly? AnnouncedOn,
    [property: Id(12)] DateOnly? RejectedOn,
    [property: Id(13)] string? RejectionReasons,
    [property: Id(14)] bool InForce);
