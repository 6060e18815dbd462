using Registry.Abstractions.Boundaries;
using Registry.Grains.Spatial;

namespace Registry.Grains.Boundaries;

/// <summary>Stored state of a boundary line; <see cref="Number"/> is empty until it is recorded.</summary>
public sealed class BoundaryLineState : IIndexedState
{
    public string Number { get; set; } = "";

    public string DivisionA { get; set; } = "";

    public string DivisionB { get; set; } = "";

    /// <summary>LineString or MultiLineString, WKB in WGS84 lon/lat.</summary>
    public byte[] Wkb { get; set; } = [];

    public double LengthMetres { get; set; }

    public string Agreement { get; set; } = "";

    public DateOnly? AgreementDate { get; set; }

    public string? Source { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";

    /// <summary>Numbers of the markers on the line, in ordinal order.</summary>
    public List<string> Markers { get; set; } = [];

    public List<InspectionSummary> Inspections { get; set; } = [];

    public long Revision { get; set; }

    public List<string> Tiles { get; set; } = [];

    /// <summary>Tiles the record has left, told again with every publication (<see cref="Spatial.IIndexedState"/>).</summary>
    public List<string> LeftTiles { get; set; } = [];

    /// <summary>The record's history, oldest first: one entry per stored change, written with the state.</summary>
    public List<BoundaryChange> History { get; set; } = [];
}
