using System.Text.Json;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;
using Registry.Abstractions.Errors;

namespace Registry.Storage;

/// <summary>
/// The Registry's Orleans grain-storage provider for SQLite and PostgreSQL: grain state is stored as JSON (see
/// <see cref="RegistryJson"/>) in an <see cref="IGrainStateStore"/> under the key (state name, grain id), and nothing
/// else: a record's history (who, when, which operation, why, what changed) is part of its state, written by its grain
/// in the same write. ETag conflicts surface as
/// <see cref="InconsistentStateException"/>, which makes Orleans deactivate the grain. Thread-safe; one instance per
/// provider name. Initializes the store's schema during silo start (<see cref="ServiceLifecycleStage.ApplicationServices"/>).
/// </summary>
/// <param name="name">The provider name the silo registered this instance under.</param>
/// <param name="store">The backend holding the states.</param>
/// <param name="faults">Where refused writes are recorded for readiness (null: not recorded).</param>
/// <param name="grainContexts">The calling grain, deactivated when its write could not be stored (null: not
/// deactivated).</param>
public sealed class RegistryGrainStorage(string name, IGrainStateStore store, StorageFaults? faults = null,
    IGrainContextAccessor? grainContexts = null)
    : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
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
            stored = await StorageTelemetry.MeasureAsync("read", stateName,
                () => store.ReadAsync(key, cancellationToken)).ConfigureAwait(false);
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

        grainState.State = Deserialize<T>(key, stored.Utf8Json);
        grainState.ETag = stored.ETag;
        grainState.RecordExists = true;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        WriteStateAsync(stateName, grainId, grainState, CancellationToken.None);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState,
        CancellationToken cancellationToken)
    {
        var key = KeyOf(stateName, grainId);
        var serialized = SerializedState.Rent();
        Task<string> write;
        try
        {
            serialized.Write(grainState.State);
            EnsureStorableText(serialized.Utf8);
            // MeasureAsync calls the store before it returns, and the store has read the bytes by then: the buffer is
            // free again below.
            write = StorageTelemetry.MeasureAsync("write", stateName,
                () => store.WriteUtf8Async(key, grainState.ETag, serialized.Utf8, cancellationToken));
        }
        finally
        {
            SerializedState.Return(serialized);
        }

        // The grain to deactivate if the write is refused, known only on its own thread: the rest of this method runs
        // where the store completed the write (ConfigureAwait(false)), while the grain awaits it, instead of being
        // queued to the grain's scheduler once more before Orleans queues its own continuation there.
        var grain = grainContexts?.GrainContext;
        string etag;
        try
        {
            etag = await write.ConfigureAwait(false);
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            throw StorageFaults.Refuse(faults, error, grain);
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
        var grain = grainContexts?.GrainContext;
        try
        {
            await StorageTelemetry.MeasureAsync("clear", stateName,
                () => store.ClearAsync(key, grainState.ETag, cancellationToken)).ConfigureAwait(false);
        }
        catch (Exception error) when (StorageFaults.IsStorageFault(error))
        {
            throw StorageFaults.Refuse(faults, error, grain);
        }

        faults?.Succeeded();
        grainState.State = CreateEmpty<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe($"{nameof(RegistryGrainStorage)}.{name}", ServiceLifecycleStage.ApplicationServices,
            store.InitializeAsync);

    private static GrainStateKey KeyOf(string stateName, GrainId grainId) => new(stateName, grainId.ToString());

    /// <summary>
    /// Refuses text with the NUL character (U+0000) before any backend sees it: PostgreSQL can store it neither in
    /// text nor in jsonb, and no record of a civil-affairs bureau needs it. The refusal is the client's to fix, so
    /// it is a <see cref="DomainException"/> (400 <c>text-nul-character</c>), not a storage failure.
    /// </summary>
    private static void EnsureStorableText(ReadOnlySpan<byte> json)
    {
        // The serializer writes U+0000 as the escape \u0000; only then is a closer look needed.
        if (json.IndexOf("\\u0000"u8) >= 0 && HasNulInStrings(json))
        {
            throw DomainException.Invalid(NulCharacterRule, "request",
                "Text containing the NUL character (U+0000) cannot be stored.");
        }
    }

    private static bool HasNulInStrings(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
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

    private static T Deserialize<T>(GrainStateKey key, ReadOnlyMemory<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json.Span, RegistryJson.StateOptions) ?? CreateEmpty<T>();
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException(
                $"The stored state '{key.StateName}' of grain '{key.GrainId}' cannot be read as {typeof(T).FullName}.",
                exception);
        }
    }
}
