using Registry.Abstractions.Persons;

namespace Registry.Api.Contracts.Persons;

/// <summary>One page of the access log in time order; <c>next</c> is passed as <c>after</c> for the following page
/// (null on the last page).</summary>
public sealed record AccessLogPageResponse(IReadOnlyList<AccessLogEntryResponse> Entries, string? Next)
{
    public static AccessLogPageResponse From(AccessLogPage page) =>
        new(page.Entries.Select(AccessLogEntryResponse.From).ToList(), page.Next);
}
