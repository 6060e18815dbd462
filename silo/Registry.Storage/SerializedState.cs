using System.Buffers;
using System.Text.Json;

namespace Registry.Storage;

/// <summary>
/// A state serialized to UTF-8 JSON in a buffer that the thread keeps for its next write: a state written through the
/// grain storage was a UTF-16 string (twice its UTF-8 size, a read-model partition some 5-10 KB of it on every
/// registration) that the store turned back into UTF-8 to compress it. Rent, write, hand <see cref="Utf8"/> to a call
/// that reads it before returning, then return it: on the same thread, with no await in between.
/// </summary>
internal sealed class SerializedState
{
    // A buffer grown past this (a place-name partition's snapshot is some 20 MB) is left to the collector instead of
    // being kept by a thread.
    private const int KeptCapacity = 1 << 20;

    [ThreadStatic]
    private static SerializedState? spare;

    private readonly ArrayBufferWriter<byte> buffer = new(16 * 1024);
    private readonly Utf8JsonWriter writer;

    private SerializedState() => writer = new Utf8JsonWriter(buffer, RegistryJson.StateWriterOptions);

    /// <summary>The JSON written last.</summary>
    public ReadOnlySpan<byte> Utf8 => buffer.WrittenSpan;

    public static SerializedState Rent()
    {
        var state = spare ?? new SerializedState();
        spare = null;
        return state;
    }

    /// <summary>Keeps <paramref name="state"/> for the thread's next write (<see cref="Write{T}"/> starts afresh).
    /// </summary>
    public static void Return(SerializedState state)
    {
        if (state.buffer.Capacity <= KeptCapacity)
        {
            spare = state;
        }
    }

    /// <summary>Serializes <paramref name="value"/> as <see cref="RegistryJson.StateOptions"/> does, in place of what
    /// was written before.</summary>
    public void Write<T>(T value)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, value, RegistryJson.StateOptions);
        writer.Flush();
    }
}
