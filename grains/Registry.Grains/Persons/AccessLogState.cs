using Registry.Abstractions.Persons;

namespace Registry.Grains.Persons;

/// <summary>Stored state of one access-log partition: its entries, oldest first, never changed.</summary>
public sealed class AccessLogState
{
    public List<AccessLogEntry> Entries { get; set; } = [];
}
