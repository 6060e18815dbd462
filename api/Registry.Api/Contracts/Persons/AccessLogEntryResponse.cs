using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Persons;

/// <summary>One read of a person's data: when, by whom, what, whose (masked) and which record.</summary>
public sealed record AccessLogEntryResponse(DateTimeOffset At, string Actor, string Action, string Subject,
    string? RecordId)
{
    public static AccessLogEntryResponse From(AccessLogEntry e) =>
        new(e.At, e.Actor, e.Action, IdentityDocument.Mask(e.SubjectIdNumber), e.RecordId);
}
