using System.Collections.Concurrent;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Marriages;
using Registry.Api.Contracts.Marriages;

namespace Registry.Api.Endpoints;

/// <summary>
/// Enters the lines of one archive import, <see cref="BatchSize"/> at a time: a batch goes through the bulk path
/// (<see cref="IArchiveImportGrain"/>: every line checked by the same rules, its writes shared by group commits), and
/// the lines it defers (a person who already has a record, a person or number an earlier line of the batch names)
/// through the per-record path (<see cref="IMarriageGrain.EnterFromArchiveAsync"/>) before the next batch starts, so a
/// person's lines keep the file's order. The per-record path enters up to <see cref="Concurrency"/> lines at once,
/// while a line naming a document (or a certificate number) an earlier line in flight names waits for it. A line
/// refused with <c>registration-in-progress</c> (the same person under another document, such as the 15-digit form of
/// their number) is entered again once every other line of the batch is done. A refusal goes into
/// <see cref="Rejected"/> with its line; any other failure (storage unavailable) ends the import with it, the lines
/// entered so far staying entered (a re-run enters the rest). Not thread-safe: one reader calls it.
/// </summary>
internal sealed class ArchiveEntries(IGrainFactory grains)
{
    /// <summary>Lines a batch takes.</summary>
    public const int BatchSize = 1_000;

    /// <summary>Deferred lines entered at once.</summary>
    public const int Concurrency = 16;

    private readonly List<(int Line, EnterArchivedMarriage Command)> batch = new(BatchSize);
    private readonly SemaphoreSlim slots = new(Concurrency);
    private readonly Dictionary<string, Task> lastByDocument = new(StringComparer.Ordinal);
    private readonly List<Task> running = [];
    private readonly ConcurrentQueue<(int Line, EnterArchivedMarriage Command)> retries = new();
    private readonly ConcurrentBag<ArchiveImportRejectionResponse> rejected = [];
    private int stored;

    public int Stored => Volatile.Read(ref stored);

    public IReadOnlyCollection<ArchiveImportRejectionResponse> Rejected => rejected;

    /// <summary>Adds line <paramref name="line"/> to the batch; true when the batch is full (time to
    /// <see cref="EnterBatchAsync"/>).</summary>
    public bool Add(int line, EnterArchivedMarriage command)
    {
        batch.Add((line, command));
        return batch.Count >= BatchSize;
    }

    /// <summary>Enters the lines added since the last batch: the bulk path, then the lines it deferred one by one.
    /// </summary>
    public async Task EnterBatchAsync()
    {
        if (batch.Count == 0)
        {
            return;
        }

        var outcomes = await grains.Get<IArchiveImportGrain>(0)
            .EnterBatchAsync(batch.Select(line => line.Command).ToList());
        foreach (var ((line, command), outcome) in batch.Zip(outcomes))
        {
            switch (outcome.Result)
            {
                case ArchiveEntryResult.Stored:
                    Interlocked.Increment(ref stored);
                    break;
                case ArchiveEntryResult.Rejected:
                    rejected.Add(new(line, command.CertificateNumber, outcome.Rule, outcome.Message));
                    break;
                default:
                    await StartAsync(line, command);
                    break;
            }
        }

        batch.Clear();
        await CompleteAsync();
        lastByDocument.Clear();
        running.Clear();
    }

    /// <summary>Starts entering line <paramref name="line"/> by the per-record path once a slot is free and the
    /// earlier lines naming its parties are done.</summary>
    private async Task StartAsync(int line, EnterArchivedMarriage command)
    {
        await slots.WaitAsync();
        // The record's own number too (by its key, as the record is identified): a file naming one certificate twice
        // enters it once, then finds it entered. A party with no document recorded has no number (the record names
        // them: its own number stands for them).
        var documents = new[]
            {
                command.PartyA.IdNumber.Trim(), command.PartyB.IdNumber.Trim(), "#" + command.CertificateKey(),
            }
            .Where(document => document.Length > 0)
            .ToArray();
        var earlier = documents.Select(d => lastByDocument.GetValueOrDefault(d)).OfType<Task>().ToArray();
        var entering = EnterAfterAsync(earlier, line, command);
        foreach (var document in documents)
        {
            lastByDocument[document] = entering;
        }

        running.Add(entering);
        if (running.Count >= 4 * Concurrency)
        {
            // Keep the list short; a failure among the finished ones ends the import here.
            await Task.WhenAll(running.Where(t => t.IsCompleted));
            running.RemoveAll(t => t.IsCompleted);
        }
    }

    /// <summary>Waits for every line, then enters the ones that met another entry of the same person.</summary>
    private async Task CompleteAsync()
    {
        await Task.WhenAll(running);
        while (retries.TryDequeue(out var retry))
        {
            await EnterAsync(retry.Line, retry.Command, retry: false);
        }
    }

    private async Task EnterAfterAsync(Task[] earlier, int line, EnterArchivedMarriage command)
    {
        try
        {
            // An earlier line's failure is its own; this line only waits for it to end.
            await Task.WhenAll(earlier.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
            await EnterAsync(line, command, retry: true);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task EnterAsync(int line, EnterArchivedMarriage command, bool retry)
    {
        try
        {
            await grains.Get<IMarriageGrain>(command.RecordId()).EnterFromArchiveAsync(command);
            Interlocked.Increment(ref stored);
        }
        catch (DomainException refused) when (retry && refused.Rule == "registration-in-progress")
        {
            retries.Enqueue((line, command));
        }
        catch (DomainException refused)
        {
            // A refusal concerns its line only: it goes into the report, the import goes on.
            rejected.Add(new(line, command.CertificateNumber, refused.Rule, refused.Message));
        }
    }
}
