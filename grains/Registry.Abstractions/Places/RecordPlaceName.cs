namespace Registry.Abstractions.Places;

/// <summary>
/// A name already in force, entered from the bureau's existing records or the official lists with status
/// <see cref="PlaceNameStatus.Recorded"/>. <see cref="Romanization"/> may be empty: the likely spelling of the
/// 1984 rules is then recorded. <see cref="Geometry"/> (WKB, SRID 4326) may be empty: old records often hold none.
/// <see cref="ApprovingAuthority"/> and <see cref="ApprovedOn"/> are the approval as the records give it, both or
/// neither. <see cref="Source"/> names the file and line (or list and code) in the record's history.
/// </summary>
[GenerateSerializer, Alias("Registry.Places.RecordPlaceName")]
public sealed record RecordPlaceName(
    [property: Id(0)] string Name,
    [property: Id(1)] string? Romanization,
    [property: Id(2)] PlaceCategory Category,
    [property: Id(3)] string DivisionCode,
    [property: Id(4)] byte[]? Geometry,
    [property: Id(5)] string? ApprovingAuthority,
    [property: Id(6)] DateOnly? ApprovedOn,
    [property: Id(7)] string Source);
