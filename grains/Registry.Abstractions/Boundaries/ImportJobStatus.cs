namespace Registry.Abstractions.Boundaries;

[GenerateSerializer, Alias("Registry.Boundaries.ImportJobStatus")]
public enum ImportJobStatus
{
    Running = 0,
    Completed = 1,

    /// <summary>Stopped by an error outside the features (the records stored so far stay; re-run to finish).</summary>
    Failed = 2,
}
