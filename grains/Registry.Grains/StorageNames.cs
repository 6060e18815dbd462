namespace Registry.Grains;

/// <summary>
/// Names shared by <c>[PersistentState]</c> attributes and the silo's storage registration. Stored data is found
/// by these names: never change one once data exists.
/// </summary>
public static class StorageNames
{
    /// <summary>The grain-storage provider every Registry grain uses.</summary>
    public const string Provider = "registry";

    /// <summary>State name of <see cref="Divisions.DivisionGrain"/>.</summary>
    public const string Division = "division";

    /// <summary>Grain type of <see cref="Divisions.DivisionGrain"/>; part of every stored division's grain id.</summary>
    public const string DivisionGrainType = "division";

    /// <summary>State name and grain type of <see cref="Boundaries.DivisionGeometryGrain"/>.</summary>
    public const string DivisionGeometry = "division-geometry";

    /// <summary>State name and grain type of <see cref="Boundaries.BoundaryLineGrain"/>.</summary>
    public const string BoundaryLine = "boundary-line";

    /// <summary>State name and grain type of <see cref="Boundaries.BoundaryMarkerGrain"/>.</summary>
    public const string BoundaryMarker = "boundary-marker";

    /// <summary>State name and grain type of <see cref="Boundaries.JointInspectionGrain"/>.</summary>
    public const string JointInspection = "joint-inspection";

    /// <summary>Grain type of <see cref="Boundaries.BoundaryReportGrain"/> (stateless).</summary>
    public const string BoundaryReport = "boundary-report";

    /// <summary>State name and grain type of <see cref="Spatial.SpatialTileGrain"/> (which records a tile holds).</summary>
    public const string SpatialTile = "spatial-tile";

    /// <summary>State name and grain type of <see cref="Spatial.SpatialRegionGrain"/> (which tiles are occupied).</summary>
    public const string SpatialRegion = "spatial-region";

    /// <summary>State name and grain type of <see cref="Boundaries.ImportJobGrain"/>.</summary>
    public const string ImportJob = "boundary-import";
}
