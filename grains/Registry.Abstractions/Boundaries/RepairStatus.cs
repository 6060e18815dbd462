namespace Registry.Abstractions.Boundaries;

[GenerateSerializer, Alias("Registry.Boundaries.RepairStatus")]
public enum RepairStatus
{
    Open = 0,
    Done = 1,
}
