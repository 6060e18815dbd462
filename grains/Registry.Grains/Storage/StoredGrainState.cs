namespace Registry.Grains.Storage;

/// <summary>A grain state read straight from storage (<see cref="IStoredRecords.ReadPrefixAsync{T}"/>): its grain
/// id as text (<c>type/key</c>), the ETag a later write through the grain storage must present, and the state.</summary>
public sealed record StoredGrainState<T>(string GrainId, string ETag, T State);
