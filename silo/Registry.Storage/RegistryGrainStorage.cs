using System.Text.Json;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Errors;

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
/// <param name="faults">Where refused writes are recorded for readiness (null: not recorded).</param>
/// <param name="grainContexts">The calling grain, deactivated when its write could not be stored (null: not
/// deactivated).</param>
public sealed class RegistryGrainStorage(string name, IGrainStateStore store, TimeProvider timeProvider,
    StorageFaults? faults = null, IGrainContextAccessor? grainContexts = null)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The operation recorded for a state write made outside any <see cref="AuditScope"/>.</summary>
    public const string DefaultWriteOperation = "write";

    /// <summary>The operation recorded for a clearing made outside any <see cref="AuditScope"/>.</summary>
    public const string DefaultClearOperation = "clear";

    /// <summary>The rule of the <see cref="DomainException"/> thrown for text containing U+0000.</summary>
    public const string NulCharacterRule = "text-nul-character";

    /// <summary>The provider name this instance is registered under.</summary>
    public string Name => name;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        ReadStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState,
        CancellationToken cancellationToken)
    {
        var key = KeyOf(stateName, grainId);
        StoredGrainState? stored;
        try
        {
            stored = await store.ReadAsync(key, cancellationToken);
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            throw new StorageUnavailableException($"The grain-state store cannot be read at the moment: {error.Message}");
        }

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
        EnsureStorableText(json, entry);
        string etag;
        try
        {
            etag = await store.WriteAsync(key, grainState.ETag, json, entry, cancellationToken);
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            throw Refused(error);
        }

        faults?.Succeeded();
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
        try
        {
            await store.ClearAsync(key, grainState.ETag, entry, cancellationToken);
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            throw Refused(error);
        }

        faults?.Succeeded();
        grainState.State = CreateEmpty<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(RegistryGrainStorage)}.{name}", ServiceLifecycleStage.ApplicationServices,
            store.InitializeAsync);

    /// <summary>
    /// A write the store refused: recorded for readiness, and the grain deactivated once this call ends, because its
    /// in-memory state now holds a change that is not stored and must not be written later as if it had been.
    /// </summary>
    private StorageUnavailableException Refused(Exception error)
    {
        faults?.Failed(error);
        grainContexts?.GrainContext?.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError,
            "Its state could not be stored."));
        // Only the message crosses the grain boundary: the backend's exception type (SqliteException...) is not one
        // the caller can deserialize.
        return new StorageUnavailableException($"The grain-state store refused the write; nothing was stored: {error.Message}");
    }

    private static GrainStateKey KeyOf(string stateName, GrainId grainId) => new(stateName, grainId.ToString());

    // The audit scope and request context are async locals: read them before the first await of this call.
    private HistoryEntry CurrentEntry(string defaultOperation)
    {
        var audit = AuditScope.Current;
        return new HistoryEntry(audit?.Operation ?? defaultOperation, AuditScope.Actor, audit?.Reason,
            timeProvider.GetUtcNow());
    }

    /// <summary>
    /// Refuses text with the NUL character (U+0000) before any backend sees it: PostgreSQL can store it neither in
    /// text nor in jsonb, and no record of a civil-affairs bureau needs it. The refusal is the client's to fix, so
    /// it is a <see cref="DomainException"/> (400 <c>text-nul-character</c>), not a storage failure.
    /// </summary>
    private static void EnsureStorableText(string json, HistoryEntry entry)
    {
        // The serializer writes U+0000 as the escape \u0000; only then is a closer look needed.
        var suspicious = json.Contains("\\u0000", StringComparison.Ordinal) && HasNulInStrings(json);
        if (suspicious || entry.Reason?.Contains('\0') == true || entry.Actor.Contains('\0'))
        {
            throw DomainException.Invalid(NulCharacterRule, "request",
                "Text containing the NUL character (U+0000) cannot be stored.");
        }
    }

    private static bool HasNulInStrings(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
                && reader.GetString()!.Contains('\0'))
            {
                return true;
            }
        }

        return false;
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
