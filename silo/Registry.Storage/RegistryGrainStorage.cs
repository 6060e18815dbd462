using System.Text.Json;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Registry.Abstractions.Auditing;

namespace Registry.Storage;

/// <summary>
/// The Registry's Orleans grain-storage provider: grain state is stored as JSON (see <see cref="RegistryJson"/>) in an
/// <see cref="IGrainStateStore"/> under the key (state name, grain id), and every write or clear appends a history row
/// carrying the operation and reason of the current <see cref="AuditScope"/>, the actor from the request context and
/// the time from the injected <see cref="TimeProvider"/>. ETag conflicts surface as
/// <see cref="InconsistentStateException"/>, which makes Orleans deactivate the grain. Thread-safe; one instance per
/// provider name. Initializes the store's schema during silo start (<see cref="ServiceLifecycleStage.ApplicationServices"/>).
/// </summary>
/// <param name="name">The provider name the silo registered this instance under.</param>
/// <param name="store">The backend holding state and history.</param>
/// <param name="timeProvider">The clock for history times.</param>
public sealed class RegistryGrainStorage(string name, IGrainStateStore store, TimeProvider timeProvider)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The operation recorded for a state write made outside any <see cref="AuditScope"/>.</summary>
    public const string DefaultWriteOperation = "write";

    /// <summary>The operation recorded for a clearing made outside any <see cref="AuditScope"/>.</summary>
    public const string DefaultClearOperation = "clear";

    /// <summary>The provider name this instance is registered under.</summary>
    public string Name => name;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState,
        CancellationToken cancellationToken)
    {
        var key = KeyOf(stateName, grainId);
        var stored = await store.ReadAsync(key, cancellationToken);
        if (stored is null)
        {
            grainState.State = CreateEmpty<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = Deserialize<T>(key, stored.StateJson);
        grainState.ETag = stored.ETag;
        grainState.RecordExists = true;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState,
        CancellationToken cancellationToken)
    {
        var key = KeyOf(stateName, grainId);
        var entry = CurrentEntry(DefaultWriteOperation);
        var json = JsonSerializer.Serialize(grainState.State, RegistryJson.StateOptions);
        var etag = await store.WriteAsync(key, grainState.ETag, json, entry, cancellationToken);
        grainState.ETag = etag;
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ClearStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState,
        CancellationToken cancellationToken)
    {
        var key = KeyOf(stateName, grainId);
        var entry = CurrentEntry(DefaultClearOperation);
        await store.ClearAsync(key, grainState.ETag, entry, cancellationToken);
        grainState.State = CreateEmpty<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(RegistryGrainStorage)}.{name}", ServiceLifecycleStage.ApplicationServices,
            store.InitializeAsync);

    private static GrainStateKey KeyOf(string stateName, GrainId grainId) => new(stateName, grainId.ToString());

    // The audit scope and request context are async locals: read them before the first await of this call.
    private HistoryEntry CurrentEntry(string defaultOperation)
    {
        var audit = AuditScope.Current;
        return new HistoryEntry(audit?.Operation ?? defaultOperation, AuditScope.Actor, audit?.Reason,
            timeProvider.GetUtcNow());
    }

    private static T CreateEmpty<T>() => Activator.CreateInstance<T>();

    private static T Deserialize<T>(GrainStateKey key, string json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, RegistryJson.StateOptions) ?? CreateEmpty<T>();
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException(
                $"The stored state '{key.StateName}' of grain '{key.GrainId}' cannot be read as {typeof(T).FullName}.",
                exception);
        }
    }
}
