using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>
/// Stored state of a place name. <see cref="Id"/> is empty for an id never used. <see cref="Name"/>,
/// <see cref="Romanization"/> and <see cref="RomanizationLanguage"/> are the name as first recorded; <see cref="Names"/>
/// holds every approved name (the latest last, possibly from a future date): the name in force on a day is computed
/// from them (<see cref="PlaceName.NameOn"/>). <see cref="ClaimKeys"/> are the duplicate-check keys of the first name
/// (a rename's keys are on its change); <see cref="AbolishedOn"/> is the effective date of an approved abolition;
/// <see cref="Revision"/> counts writes and orders index updates. Geometry is WKB (SRID 4326).
/// </summary>
public sealed class PlaceNameState
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Romanization { get; set; } = "";

    /// <summary>The minority language <see cref="Romanization"/> is transliterated from; null for Hanyu Pinyin.</summary>
    public string? RomanizationLanguage { get; set; }

    public PlaceCategory Category { get; set; }

    public string DivisionCode { get; set; } = "";

    public byte[] Geometry { get; set; } = [];

    public string? Meaning { get; set; }

    /// <summary>Other names the place is known by (别名, 俗称).</summary>
    public List<string> Aliases { get; set; } = [];

    public string LocationDescription { get; set; } = "";

    public PlaceNameStatus Status { get; set; }

    public string? ApprovingAuthority { get; set; }

    public DateOnly? ApprovedOn { get; set; }

    public DateOnly? AnnouncedOn { get; set; }

    public DateOnly? AbolishedOn { get; set; }

    public DateOnly ProposedOn { get; set; }

    public List<PlaceNamePeriod> Names { get; set; } = [];

    public ExternalSource? External { get; set; }

    /// <summary>The place-name code (地名代码), given on approval or recording; null before.</summary>
    public string? Code { get; set; }

    /// <summary>For a recorded name: the current names it duplicated or sounded like when recorded (not refused).</summary>
    public List<string> Flags { get; set; } = [];

    /// <summary>For a recorded name: the classes of its characters outside the standard a new name must meet
    /// (<see cref="NameCharacters"/>: <c>full-width-parentheses</c>, <c>latin-letters</c>, ...), recorded as written.</summary>
    public List<string> CharacterFlags { get; set; } = [];

    public List<string> ClaimKeys { get; set; } = [];

    /// <summary>House numbers as the layout before blocks kept them, in the street's record: read from a record stored
    /// then and moved into their blocks when the street is next activated (<see cref="PlaceNameGrain"/>), then null.
    /// Never written otherwise.</summary>
    public List<HouseNumberPlate>? HouseNumbers { get; set; }

    /// <summary>House-number blocks in use (the highest block + 1); the numbers live in their blocks.</summary>
    public int HouseNumberBlocks { get; set; }

    /// <summary>Sign serials given out; the signs live in their own grains.</summary>
    public int SignCount { get; set; }

    /// <summary>Renames and abolitions, numbered from 1 in order of proposal.</summary>
    public List<PlaceNameChangeState> Changes { get; set; } = [];

    public List<PlaceNameEvent> Events { get; set; } = [];

    public long Revision { get; set; }
}
