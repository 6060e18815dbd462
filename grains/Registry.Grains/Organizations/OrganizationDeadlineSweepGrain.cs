using Microsoft.Extensions.Logging;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Time;
using Registry.Grains.Deadlines;

namespace Registry.Grains.Organizations;

/// <summary>
/// The deadlines of one index partition's organizations; see <see cref="IOrganizationDeadlineSweepGrain"/>.
/// <para>
/// Why one reminder per partition: a registration or import no longer arms a reminder of its own (a reminder-table
/// write and a timer held by the reminder service for each of 900,000 organizations). The due dates come from the
/// index entries, which every organization's write publishes and its outbox row guarantees, and which carry the
/// report year whose window close is next (<see cref="OrganizationIndexEntry.NextReportYear"/>) and the active
/// listings the two-year move to the serious list counts from; the windows are read from today's configuration at each
/// tick, so a changed window counts from its next tick.
/// </para>
/// <para>
/// Each tick asks every organization whose deadline is on or before today, not only today's: a tick missed (the silo
/// was down), an organization that failed, or an entry that reached the index late are caught by the next, and the
/// organization applies each deadline with its own date, once. The ticks are daily at the start of the civil day in
/// the bureau's zone (re-armed at each tick, so a changed zone or a long outage moves nothing). Organizations
/// registered before this sweep existed keep their own reminder until it has applied a deadline (see
/// <see cref="OrganizationGrain"/>): their entries carry no report year and are left to it.
/// </para>
/// </summary>
[GrainType(StorageNames.OrganizationDeadlineSweepGrainType)]
public sealed class OrganizationDeadlineSweepGrain(BureauClock clock, ILogger<OrganizationDeadlineSweepGrain> logger)
    : Grain, IOrganizationDeadlineSweepGrain, IRemindable
{
    public const string SweepReminder = "annual-cycle-sweep";

    /// <summary>Organizations asked at once: a due day of a large office is many thousands.</summary>
    private const int InFlight = 16;

    private long Partition => this.GetPrimaryKeyLong();

    public async Task EnsureArmedAsync()
    {
        if (await this.GetReminder(SweepReminder) is null)
        {
            await ArmAsync();
        }
    }

    public async Task<int> SweepAsync()
    {
        var due = await GrainFactory.GetGrain<IOrganizationIndexGrain>(Partition).DueAsync(clock.Today);
        var failed = 0;
        foreach (var batch in due.Chunk(InFlight))
        {
            var outcomes = await Task.WhenAll(batch.Select(ApplyAsync));
            failed += outcomes.Count(applied => !applied);
        }

        if (failed > 0)
        {
            logger.LogWarning("Deadline sweep of organization partition {Partition}: {Failed} of {Due} organizations failed; the next tick asks them again",
                Partition, failed, due.Count);
        }

        return due.Count;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SweepReminder)
        {
            return;
        }

        // Re-armed first: a sweep that fails or outlasts the silo leaves tomorrow's tick armed.
        await ArmAsync();
        await SweepAsync();
    }

    private Task ArmAsync() => DeadlineReminders.ArmAsync(this, SweepReminder, clock.Today.AddDays(1), clock);

    private async Task<bool> ApplyAsync(string uscc)
    {
        try
        {
            await GrainFactory.GetGrain<IOrganizationGrain>(uscc).ApplyDeadlinesAsync();
            return true;
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            return true; // no record, nothing due
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Applying the deadlines of organization {Uscc} failed", uscc);
            return false;
        }
    }
}
