namespace Registry.Abstractions.Boundaries;

/// <summary>An inspection is open until both sides have signed it.</summary>
[GenerateSerializer, Alias("Registry.Boundaries.InspectionStatus")]
public enum InspectionStatus
{
    Open = 0,
    Completed = 1,
}
