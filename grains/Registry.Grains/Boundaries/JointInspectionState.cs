using Registry.Abstractions.Boundaries;

namespace Registry.Grains.Boundaries;

/// <summary>Stored state of a joint inspection; <see cref="Id"/> is empty until it is opened.</summary>
public sealed class JointInspectionState
{
    public string Id { get; set; } = "";

    public string LineNumber { get; set; } = "";

    public int Year { get; set; }

    public int Sequence { get; set; }

    public List<string> Sides { get; set; } = [];

    public List<InspectedMarker> Markers { get; set; } = [];

    public List<InspectionFinding> Findings { get; set; } = [];

    public List<InspectionSignature> Signatures { get; set; } = [];

    public List<MarkerRepair> Repairs { get; set; } = [];

    public InspectionStatus Status { get; set; }

    public DateOnly OpenedOn { get; set; }

    public DateOnly? CompletedOn { get; set; }

    public string Reason { get; set; } = "";

    public List<InspectionStep> Pending { get; set; } = [];
}
