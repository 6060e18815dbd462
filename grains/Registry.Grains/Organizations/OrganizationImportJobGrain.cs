using Registry.Abstractions.Auditing;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Time;
using Registry.Grains.Storage;

namespace Registry.Grains.Organizations;

/// <summary>One import of the register; see <see cref="IOrganizationImportJobGrain"/>.</summary>
[GrainType(StorageNames.OrganizationImportJob)]
public sealed class OrganizationImportJobGrain(
    [PersistentState(StorageNames.OrganizationImportJob, StorageNames.Provider)]
    IPersistentState<OrganizationImportJobState> state,
    BureauClock clock) : Grain, IOrganizationImportJobGrain
{
    private OrganizationImportJobState State => state.State;

    public Task<OrganizationImportJobDetails> GetAsync()
    {
        EnsureStarted();
        return Task.FromResult(Details());
    }

    public async Task<OrganizationImportJobDetails> StartAsync(string source)
    {
        if (State.Id.Length == 0)
        {
            State.Id = this.GetPrimaryKeyString();
            State.Source = source;
            State.Status = OrganizationImportJobStatus.Running;
            State.StartedAt = clock.Now;
            State.StartedBy = AuditScope.Actor;
            State.LastHeardAt = clock.Now;
            await state.WriteOrReloadAsync();
        }

        return Details();
    }

    public async Task ReportAsync(OrganizationImportProgress progress)
    {
        EnsureStarted();
        State.Rows = Math.Max(State.Rows, progress.Rows);
        State.Imported = Math.Max(State.Imported, progress.Imported);
        State.AlreadyStored = Math.Max(State.AlreadyStored, progress.AlreadyStored);
        State.Rejected = Math.Max(State.Rejected, progress.Rejected);
        State.RejectedByRule = new Dictionary<string, long>(progress.RejectedByRule, StringComparer.Ordinal);
        State.Rejections.AddRange(progress.NewRejections
            .Take(OrganizationImportJobDetails.MaxStoredRejections - State.Rejections.Count));
        State.LastHeardAt = clock.Now;
        await state.WriteOrReloadAsync();
    }

    public async Task KeepAliveAsync()
    {
        EnsureStarted();
        if (State.Status != OrganizationImportJobStatus.Running)
        {
            return;
        }

        // Not audited: a heartbeat changes nothing a registrar acts on, and would add a history row every 20 s.
        State.LastHeardAt = clock.Now;
        await state.WriteStateAsync();
    }

    public async Task FinishAsync(string? failure)
    {
        EnsureStarted();
        if (State.Status != OrganizationImportJobStatus.Running)
        {
            return;
        }

        State.Status = failure is null ? OrganizationImportJobStatus.Completed : OrganizationImportJobStatus.Failed;
        State.Failure = failure;
        State.FinishedAt = clock.Now;
        await state.WriteOrReloadAsync();
    }

    private OrganizationImportJobDetails Details() =>
        new(State.Id, State.Source, Interrupted ? OrganizationImportJobStatus.Interrupted : State.Status, State.Rows, State.Imported, State.AlreadyStored, State.Rejected,
            new Dictionary<string, long>(State.RejectedByRule, StringComparer.Ordinal),
            State.Rejections.OrderBy(r => r.Line).ToList(), State.StartedAt, State.FinishedAt, State.StartedBy,
            Interrupted
                ? $"Not heard from since {State.LastHeardAt ?? State.StartedAt:yyyy-MM-dd HH:mm:ss} UTC: the process " +
                  "running it ended. The rows counted are stored; re-run the same file to resume (they are counted " +
                  "as already stored)."
                : State.Failure);

    /// <summary>Still running in storage but silent past its lease: its run died without ending it.</summary>
    private bool Interrupted =>
        State.Status == OrganizationImportJobStatus.Running
        && clock.Now - (State.LastHeardAt ?? State.StartedAt) > OrganizationImportJobDetails.Lease;

    private void EnsureStarted()
    {
        if (State.Id.Length == 0)
        {
            throw DomainException.NotFound("import-not-found", $"No import {this.GetPrimaryKeyString()} was started.");
        }
    }
}
