using Registry.Abstractions.Boundaries;
using Registry.Grains.Spatial;

namespace Registry.Grains.Boundaries;

/// <summary>Stored state of a boundary marker; <see cref="Number"/> is empty until it is registered.</summary>
public sealed class BoundaryMarkerState : IIndexedState
{
    public string Number { get; set; } = "";

    public string LineNumber { get; set; } = "";

    public int Serial { get; set; }

    public string TypeCode { get; set; } = "";

    public MarkerType Type { get; set; }

    /// <summary>The registered position, WGS84 degrees. Never changes once registered.</summary>
    public double Lon { get; set; }

    public double Lat { get; set; }

    public double DistanceFromLineMetres { get; set; }

    public string? Material { get; set; }

    public List<string> Landmarks { get; set; } = [];

    public List<string> Photos { get; set; } = [];

    public MarkerCondition Condition { get; set; }

    public string? ConditionSource { get; set; }

    public DateOnly? ConditionSince { get; set; }

    public string? Source { get; set; }

    public DateTimeOffset RecordedAt { get; set; }

    public string RecordedBy { get; set; } = "";

    public long Revision { get; set; }

    public List<string> Tiles { get; set; } = [];

    /// <summary>Tiles the record has left, told again with every publication (<see cref="Spatial.IIndexedState"/>).</summary>
    public List<string> LeftTiles { get; set; } = [];

    /// <summary>Ids of internal steps already applied, so a resumed step is not applied twice.</summary>
    public List<string> AppliedOperations { get; set; } = [];

    /// <summary>The record's history, oldest first: one entry per stored change, written with the state.</summary>
    public List<BoundaryChange> History { get; set; } = [];
}
