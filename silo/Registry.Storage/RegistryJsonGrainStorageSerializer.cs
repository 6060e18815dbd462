using System.Text.Json;
using Orleans.Storage;

namespace Registry.Storage;

/// <summary>
/// Grain state as the same JSON the Registry's own provider stores (<see cref="RegistryJson.StateOptions"/>), for the
/// official Orleans providers (Azure Table): state classes need no Orleans serializer attributes, and a state reads
/// the same whichever backend holds it. Thread-safe.
/// </summary>
public sealed class RegistryJsonGrainStorageSerializer : IGrainStorageSerializer
{
    public BinaryData Serialize<T>(T? input) =>
        new(JsonSerializer.SerializeToUtf8Bytes(input, RegistryJson.StateOptions));

    public T Deserialize<T>(BinaryData input) =>
        input.ToObjectFromJson<T>(RegistryJson.StateOptions) ?? Activator.CreateInstance<T>();
}
