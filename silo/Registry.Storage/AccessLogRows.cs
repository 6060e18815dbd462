using Registry.Abstractions.Persons;

namespace Registry.Storage;

/// <summary>
/// One stored access-log entry and its place in the log. <paramref name="Sequence"/> is the store's insertion number:
/// entries are read in (<see cref="AccessLogEntry.At"/>, sequence) order, which is time order with a tie-break.
/// </summary>
public sealed record AccessLogRow(long Sequence, AccessLogEntry Entry)
{
    /// <summary>The position just after this row, for the next page.</summary>
    public AccessLogPosition Position => new(Entry.At, Sequence);
}

/// <summary>A position in the access log's (time, sequence) order: a page starts after it.</summary>
public readonly record struct AccessLogPosition(DateTimeOffset At, long Sequence);

/// <summary>
/// Which entries to read: those at or after <paramref name="From"/> and before <paramref name="Until"/>, of one
/// subject and/or by one actor when given, after <paramref name="After"/> when paging on, at most
/// <paramref name="Limit"/>, in (time, sequence) order.
/// </summary>
public sealed record AccessLogQuery(DateTimeOffset From, DateTimeOffset Until, string? Subject, string? Actor,
    AccessLogPosition? After, int Limit);
