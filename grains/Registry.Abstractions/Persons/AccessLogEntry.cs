namespace Registry.Abstractions.Persons;

/// <summary>
/// One read of a person's data: when, by whom (the authenticated user), what (<see cref="Action"/>, e.g.
/// <c>marital-status</c>), whose (<see cref="SubjectIdNumber"/>) and which record.
/// </summary>
[GenerateSerializer, Alias("Registry.Persons.AccessLogEntry")]
public sealed record AccessLogEntry(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Actor,
    [property: Id(2)] string Action,
    [property: Id(3)] string SubjectIdNumber,
    [property: Id(4)] string? RecordId);
