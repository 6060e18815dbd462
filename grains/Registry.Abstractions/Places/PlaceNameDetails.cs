namespace Registry.Abstractions.Places;

/// <summary>
/// A place name record as of the day it was read (bureau calendar). <see cref="Geometry"/> is WKB (SRID 4326).
/// <see cref="Name"/>, <see cref="Romanization"/> and <see cref="Status"/> are those in force that day;
/// <see cref="Names"/> lists every approved name, oldest first, including one approved to take effect later. <see cref="External"/> is set for reference names from another gazetteer
/// (then <see cref="DivisionCode"/> and <see cref="Romanization"/> may be empty).
/// </summary>
[GenerateSerializer, Alias("Registry.Places.PlaceNameDetails")]
public sealed record PlaceNameDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Romanization,
    [property: Id(3)] PlaceCategory Category,
    [property: Id(4)] string DivisionCode,
    [property: Id(5)] byte[] Geometry,
    [property: Id(6)] string? Meaning,
    [property: Id(7)] string LocationDescription,
    [property: Id(8)] PlaceNameStatus Status,
    [property: Id(9)] string? ApprovingAuthority,
    [property: Id(10)] DateOnly? ApprovedOn,
    [property: Id(11)] DateOnly? AnnouncedOn,
    [property: Id(12)] DateOnly? AbolishedOn,
    [property: Id(13)] DateOnly ProposedOn,
    [property: Id(14)] IReadOnlyList<PlaceNamePeriod> Names,
    [property: Id(15)] ExternalSource? External,
    [property: Id(16)] long Revision)
{
    /// <summary>The minority language the Roman spelling is transliterated from; null for Hanyu Pinyin.</summary>
    [Id(17)]
    public string? RomanizationLanguage { get; init; }

    /// <summary>Renames and abolitions proposed for this name, with their approval and whether each is in force.</summary>
    [Id(18)]
    public IReadOnlyList<PlaceNameChange> Changes { get; init; } = [];

    /// <summary>The bureau's calendar day this view was computed for.</summary>
    [Id(19)]
    public DateOnly AsOf { get; init; }

    /// <summary>Other names the place is known by (别名, 俗称).</summary>
    [Id(20)]
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The place-name code (地名代码) given on approval or recording; null before.</summary>
    [Id(21)]
    public string? Code { get; init; }

    /// <summary>For a recorded name: the current names it duplicates or sounds the same as when it was recorded
    /// (names in force are recorded as they are, flagged).</summary>
    [Id(22)]
    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>For a recorded name: the classes of its characters outside the standard a new name must meet
    /// (flag <c>characters-outside-standard</c>: <c>full-width-parentheses</c>, <c>parentheses</c>,
    /// <c>enumeration-comma</c>, <c>latin-letters</c>, <c>full-width-digits</c>, <c>punctuation</c>,
    /// <c>han-without-reading</c>, <c>private-use</c>, <c>other-script</c>, <c>symbols</c>, <c>spaces</c>); empty for
    /// a standard name.</summary>
    [Id(23)]
    public IReadOnlyList<string> CharacterFlags { get; init; } = [];
}
