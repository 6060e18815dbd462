using Registry.Abstractions.Auditing;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Time;

namespace Registry.Grains.Persons;

/// <summary>Writes reads of person data to the access log, partitioned by day and subject.</summary>
public static class PersonDataAccess
{
    /// <summary>Records that the current actor read <paramref name="action"/> of each subject; completes when the
    /// entries are durable, so data is never shown without its log entry.</summary>
    public static Task RecordAsync(IGrainFactory grains, BureauClock clock, string action, string? recordId,
        params IEnumerable<string> subjectIdNumbers)
    {
        var now = clock.Now;
        var day = clock.Today;
        var actor = AuditScope.Actor;
        var appends = subjectIdNumbers
            .Distinct(StringComparer.Ordinal)
            .Select(subject => new AccessLogEntry(now, actor, action, subject, recordId))
            .GroupBy(entry => AccessLogPartition.KeyOf(day, entry.SubjectIdNumber))
            .Select(partition => grains.Get<IAccessLogGrain>(partition.Key).AppendAsync(partition.ToList()));
        return Task.WhenAll(appends);
    }
}
