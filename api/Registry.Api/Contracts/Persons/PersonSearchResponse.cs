namespace Registry.Api.Contracts.Persons;

/// <summary>The persons found by name, a page at a time: <c>count</c> of them shown, <c>truncated</c> when more
/// matched, and <c>next</c> to pass as <c>after</c> for the page that follows (null on the last page).</summary>
public sealed record PersonSearchResponse(string Name, int Count, bool Truncated,
    IReadOnlyList<PersonFoundResponse> Persons, string? Next = null);
