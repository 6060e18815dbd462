namespace Registry.Abstractions.Places;

/// <summary>Where an import of names in force stands.</summary>
[GenerateSerializer, Alias("Registry.Places.PlaceNameImportJobStatus")]
public enum PlaceNameImportJobStatus
{
    Running = 0,
    Completed = 1,

    /// <summary>Stopped by a failure that is not a row's (storage or cluster unavailable, shutdown): the rows stored
    /// so far stay stored; a re-run of the same file stores the rest.</summary>
    Failed = 2,
}
