namespace Registry.Abstractions.Persons;

/// <summary>
/// One page of access-log entries in time order; <paramref name="Next"/> continues after the last of them (an opaque
/// position, null when the page is the last).
/// </summary>
[GenerateSerializer, Alias("Registry.Persons.AccessLogPage")]
public sealed record AccessLogPage(
    [property: Id(0)] IReadOnlyList<AccessLogEntry> Entries,
    [property: Id(1)] string? Next);
