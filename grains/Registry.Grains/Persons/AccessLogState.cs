using Registry.Abstractions.Persons;

namespace Registry.Grains.Persons;

/// <summary>
/// An access-log partition (day, shard) as builds before the append-only log stored it, its whole list rewritten on
/// every append. Nothing writes it any more; <c>migrate-storage</c> moves such states into the log.
/// </summary>
public sealed class AccessLogState
{
    public List<AccessLogEntry> Entries { get; set; } = [];
}
