using Microsoft.Extensions.Logging;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Time;
using Registry.Grains.Publishing;
using Registry.Grains.Statistics;
using Registry.Grains.Storage;

namespace Registry.Grains.Persons;

/// <summary>One issued marriage-record extract; see <see cref="IMarriageRecordExtractGrain"/>. Written once, then
/// only read; each write feeds the statistics through the outbox like a marriage record's.</summary>
[GrainType(StorageNames.MarriageRecordExtract)]
public sealed class MarriageRecordExtractGrain(
    [PersistentState(StorageNames.MarriageRecordExtract, StorageNames.Provider)]
    IPersistentState<MarriageRecordExtractState> state,
    BureauClock clock,
    IGrainFactory grains,
    ReadModelPublication publication,
    ILogger<MarriageRecordExtractGrain> logger) : Grain, IMarriageRecordExtractGrain
{
    private readonly StatisticsFeed statistics = new(grains, logger);

    private string Number => this.GetPrimaryKeyString();

    public async Task StoreAsync(MarriageRecordExtract extract)
    {
        if (extract.Number != Number)
        {
            throw DomainException.Invalid("extract-number-format", "number",
                "An extract is stored under its own number.");
        }

        if (state.State.Extract is { } stored)
        {
            // The same extract again (a retried call) changes nothing; a serial is never handed out twice, so
            // another extract under this number is a defect, refused rather than overwriting an issued document.
            if (stored.IssuedAt == extract.IssuedAt && stored.IdNumber == extract.IdNumber)
            {
                return;
            }

            throw DomainException.Conflict("extract-number-taken", $"Extract {Number} is already issued.");
        }

        state.State.Extract = extract;
        try
        {
            await state.WriteOrReloadAsync();
        }
        catch
        {
            state.State.Extract = null;
            throw;
        }

        if (publication.Inline)
        {
            await statistics.PublishAsync($"extract:{Number}", RecordExtractStatistics.Of(extract));
        }
    }

    public async Task<MarriageRecordExtract> GetAsync()
    {
        var extract = state.State.Extract
            ?? throw DomainException.NotFound("extract-not-found", $"No marriage-record extract {Number} is issued.");
        await PersonDataAccess.RecordAsync(grains, clock, "marriage-record-extract", Number, extract.IdNumber);
        return extract;
    }

    public async Task PublishAsync()
    {
        if (state.RecordExists)
        {
            await statistics.SendAsync($"extract:{Number}", RecordExtractStatistics.Of(state.State.Extract));
        }
    }
}
