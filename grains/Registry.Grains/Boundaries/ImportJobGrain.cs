using Registry.Abstractions.Auditing;
using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Time;
using Registry.Grains.Storage;

namespace Registry.Grains.Boundaries;

/// <summary>One import's progress and report; see <see cref="IImportJobGrain"/>.</summary>
[GrainType(StorageNames.ImportJob)]
public sealed class ImportJobGrain(
    [PersistentState(StorageNames.ImportJob, StorageNames.Provider)] IPersistentState<ImportJobState> state,
    BureauClock clock) : Grain, IImportJobGrain
{
    private ImportJobState State => state.State;

    public Task<ImportJobDetails> GetAsync()
    {
        EnsureStarted();
        return Task.FromResult(new ImportJobDetails(State.Id, State.Kind, State.SourceName, State.Status, State.Total,
            State.Processed, State.Created, State.Changed, State.Unchanged, State.Rejections.ToList(),
            State.StartedAt, State.FinishedAt, State.StartedBy, State.Reason, State.Failure));
    }

    public async Task StartAsync(ImportJobStart start)
    {
        if (State.Id.Length > 0)
        {
            return;
        }

        State.Id = this.GetPrimaryKeyString();
        State.Kind = start.Kind;
        State.SourceName = start.SourceName;
        State.Total = start.Total;
        State.Status = ImportJobStatus.Running;
        State.StartedAt = clock.Now;
        State.StartedBy = AuditScope.Actor;
        State.Reason = start.Reason;
        await state.WriteOrReloadAsync();
    }

    public async Task ReportAsync(ImportProgress progress)
    {
        EnsureStarted();
        State.Processed = progress.Processed;
        State.Created = progress.Created;
        State.Changed = progress.Changed;
        State.Unchanged = progress.Unchanged;
        State.Rejections.AddRange(progress.NewRejections);
        await state.WriteOrReloadAsync();
    }

    public async Task FinishAsync(string? failure)
    {
        EnsureStarted();
        if (State.Status != ImportJobStatus.Running)
        {
            return;
        }

        State.Status = failure is null ? ImportJobStatus.Completed : ImportJobStatus.Failed;
        State.Failure = failure;
        State.FinishedAt = clock.Now;
        await state.WriteOrReloadAsync();
    }

    private void EnsureStarted()
    {
        if (State.Id.Length == 0)
        {
            throw DomainException.NotFound("import-not-found", $"No import {this.GetPrimaryKeyString()} was started.");
        }
    }
}
