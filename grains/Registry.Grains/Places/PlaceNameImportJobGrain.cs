using Registry.Abstractions.Auditing;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Places;
using Registry.Abstractions.Time;
using Registry.Grains.Storage;

namespace Registry.Grains.Places;

/// <summary>One import of names in force; see <see cref="IPlaceNameImportJobGrain"/>.</summary>
[GrainType(StorageNames.PlaceNameImportJob)]
public sealed class PlaceNameImportJobGrain(
    [PersistentState(StorageNames.PlaceNameImportJob, StorageNames.Provider)]
    IPersistentState<PlaceNameImportJobState> state,
    BureauClock clock) : Grain, IPlaceNameImportJobGrain
{
    private PlaceNameImportJobState State => state.State;

    public Task<PlaceNameImportJobDetails> GetAsync()
    {
        EnsureStarted();
        return Task.FromResult(Details());
    }

    public async Task<PlaceNameImportJobDetails> StartAsync(string source)
    {
        if (State.Id.Length == 0)
        {
            State.Id = this.GetPrimaryKeyString();
            State.Source = source;
            State.Status = PlaceNameImportJobStatus.Running;
            State.StartedAt = clock.Now;
            State.StartedBy = AuditScope.Actor;
            await state.WriteOrReloadAsync();
        }

        return Details();
    }

    public async Task ReportAsync(PlaceNameImportProgress progress)
    {
        EnsureStarted();
        State.Rows = Math.Max(State.Rows, progress.Rows);
        State.Recorded = Math.Max(State.Recorded, progress.Recorded);
        State.AlreadyStored = Math.Max(State.AlreadyStored, progress.AlreadyStored);
        State.Rejected = Math.Max(State.Rejected, progress.Rejected);
        State.Flagged = Math.Max(State.Flagged, progress.Flagged);
        State.RejectedByRule = new Dictionary<string, long>(progress.RejectedByRule, StringComparer.Ordinal);
        State.FlaggedByRule = new Dictionary<string, long>(progress.FlaggedByRule, StringComparer.Ordinal);
        State.Rejections.AddRange(progress.NewRejections.Take(PlaceNameImportJobDetails.MaxStoredRows - State.Rejections.Count));
        State.Flags.AddRange(progress.NewFlags.Take(PlaceNameImportJobDetails.MaxStoredRows - State.Flags.Count));
        await state.WriteOrReloadAsync();
    }

    public async Task FinishAsync(string? failure)
    {
        EnsureStarted();
        if (State.Status != PlaceNameImportJobStatus.Running)
        {
            return;
        }

        State.Status = failure is null ? PlaceNameImportJobStatus.Completed : PlaceNameImportJobStatus.Failed;
        State.Failure = failure;
        State.FinishedAt = clock.Now;
        await state.WriteOrReloadAsync();
    }

    private PlaceNameImportJobDetails Details() =>
        new(State.Id, State.Source, State.Status, State.Rows, State.Recorded, State.AlreadyStored, State.Rejected,
            new Dictionary<string, long>(State.RejectedByRule, StringComparer.Ordinal), State.Flagged,
            State.Rejections.OrderBy(r => r.Line).ToList(), State.Flags.OrderBy(r => r.Line).ToList(),
            State.StartedAt, State.FinishedAt, State.StartedBy, State.Failure)
        {
            FlaggedByRule = new Dictionary<string, long>(State.FlaggedByRule, StringComparer.Ordinal),
        };

    private void EnsureStarted()
    {
        if (State.Id.Length == 0)
        {
            throw DomainException.NotFound("import-not-found", $"No import {this.GetPrimaryKeyString()} was started.");
        }
    }
}
