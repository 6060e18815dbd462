using Registry.Abstractions.Boundaries;

namespace Registry.Grains.Boundaries;

/// <summary>State of <see cref="BoundaryReportModelGrain"/>: the report's view of every line and open repair.</summary>
public sealed class BoundaryReportModelState
{
    /// <summary>Per line number, its divisions and last completed inspection.</summary>
    public Dictionary<string, OverdueLine> Lines { get; set; } = [];

    /// <summary>Per completed inspection with repairs still open, those repairs.</summary>
    public Dictionary<string, List<OpenRepair>> OpenRepairs { get; set; } = [];
}
