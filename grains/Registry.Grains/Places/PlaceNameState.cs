using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>
/// Stored state of a place name. <see cref="Id"/> is empty for an id never used. <see cref="Names"/> holds every
/// name borne (the current one last); <see cref="ClaimKeys"/> the duplicate-check keys this record holds;
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

    public string LocationDescription { get; set; } = "";

    public PlaceNameStatus Status { get; set; }

    public string? ApprovingAuthority { get; set; }

    public DateOnly? ApprovedOn { get; set; }

    public DateOnly? AnnouncedOn { get; set; }

    public DateOnly? AbolishedOn { get; set; }

    public DateOnly ProposedOn { get; set; }

    public List<PlaceNamePeriod> Names { get; set; } = [];

    public ExternalSource? External { get; set; }

    public List<string> ClaimKeys { get; set; } = [];

    public List<HouseNumberPlate> HouseNumbers { get; set; } = [];

    public List<PlaceNameEvent> Events { get; set; } = [];

    public long Revision { get; set; }
}
