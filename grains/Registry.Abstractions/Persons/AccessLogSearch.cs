namespace Registry.Abstractions.Persons;

/// <summary>
/// Which access-log entries to read: at or after <paramref name="From"/> and before <paramref name="Until"/>, of one
/// subject (document key) and/or by one actor when given; <paramref name="After"/> is the <see cref="AccessLogPage.Next"/>
/// of the previous page; at most <paramref name="Limit"/> entries.
/// </summary>
[GenerateSerializer, Alias("Registry.Persons.AccessLogSearch")]
public sealed record AccessLogSearch(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset Until,
    [property: Id(2)] string? Subject,
    [property: Id(3)] string? Actor,
    [property: Id(4)] string? After,
    [property: Id(5)] int Limit);
