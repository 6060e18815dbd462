using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace Registry.Storage.AzureTable;

/// <summary>
/// One listing for the callers that ask for the same states together: an index's partitions each build from every
/// record of a kind (a rebuild asks all of them at once, and each keeps its own share), which over Azure Table storage
/// would be one query of the whole kind per partition, 16 or 32 times the same entities. A call joins the listing of
/// the same state name and prefix that is under way as long as that listing has handed out nothing yet; later calls
/// start their own. Each caller reads through a bounded buffer of its own, so the listing goes at the pace of its
/// slowest reader; a reader that stops is dropped, and the listing stops when none is left. A failure of the listing
/// reaches every reader. Thread-safe.
/// </summary>
public sealed class SharedStateListing(IStateListing inner) : IStateListing
{
    private const int Buffered = 1024;

    private readonly Lock gate = new();
    private readonly Dictionary<(string State, string Prefix), Broadcast> joinable = [];

    public async IAsyncEnumerable<ListedGrainState> ListAsync(string stateName, string grainIdPrefix,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = Channel.CreateBounded<ListedGrainState>(
            new BoundedChannelOptions(Buffered) { SingleReader = true, SingleWriter = true });
        Join((stateName, grainIdPrefix), reader);
        try
        {
            await foreach (var state in reader.Reader.ReadAllAsync(cancellationToken))
            {
                yield return state;
            }
        }
        finally
        {
            // A reader that stopped early: the listing's next hand-out to it fails and drops it.
            reader.Writer.TryComplete();
        }
    }

    private void Join((string State, string Prefix) key, Channel<ListedGrainState> reader)
    {
        Broadcast? started = null;
        lock (gate)
        {
            if (!joinable.TryGetValue(key, out var broadcast))
            {
                broadcast = started = new Broadcast();
                joinable[key] = broadcast;
            }

            broadcast.Readers.Add(reader);
        }

        if (started is not null)
        {
            _ = Task.Run(() => RunAsync(key, started));
        }
    }

    private async Task RunAsync((string State, string Prefix) key, Broadcast broadcast)
    {
        Exception? failure = null;
        var closed = false;
        try
        {
            await foreach (var state in inner.ListAsync(key.State, key.Prefix, CancellationToken.None))
            {
                // Closed to newcomers before the first hand-out, so the readers are fixed from here on.
                if (!closed)
                {
                    Close(key, broadcast);
                    closed = true;
                }

                var open = 0;
                foreach (var reader in broadcast.Readers)
                {
                    try
                    {
                        await reader.Writer.WriteAsync(state);
                        open++;
                    }
                    catch (ChannelClosedException)
                    {
                    }
                }

                if (open == 0)
                {
                    return;
                }
            }
        }
        catch (Exception error)
        {
            failure = error;
        }
        finally
        {
            Close(key, broadcast);
            foreach (var reader in broadcast.Readers)
            {
                reader.Writer.TryComplete(failure);
            }
        }
    }

    private void Close((string State, string Prefix) key, Broadcast broadcast)
    {
        lock (gate)
        {
            if (joinable.TryGetValue(key, out var current) && current == broadcast)
            {
                joinable.Remove(key);
            }
        }
    }

    private sealed class Broadcast
    {
        public List<Channel<ListedGrainState>> Readers { get; } = [];
    }
}
