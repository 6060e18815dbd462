using Registry.Abstractions.Auditing;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Persons;
using Registry.Abstractions.Time;

namespace Registry.Grains.Persons;

/// <summary>Writes reads of person data to the access log, one entry per subject read.</summary>
public static class PersonDataAccess
{
    /// <summary>Records that the current actor read <paramref name="action"/> of each subject; completes when the
    /// entries are durable, so data is never shown (nor a refusal that discloses it given) without its log entry.</summary>
    public static Task RecordAsync(IGrainFactory grains, BureauClock clock, string action, string? recordId,
        params IEnumerable<string> subjectIdNumbers)
    {
        var now = clock.Now;
        var actor = AuditScope.Actor;
        var entries = subjectIdNumbers
            .Distinct(StringComparer.Ordinal)
            .Select(subject => new AccessLogEntry(now, actor, action, subject, recordId))
            .ToList();
        return entries.Count == 0 ? Task.CompletedTask : grains.Get<IAccessLogGrain>(0).AppendAsync(entries);
    }
}
