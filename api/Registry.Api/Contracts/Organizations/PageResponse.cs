namespace Registry.Api.Contracts.Organizations;

/// <summary>One page of results (<c>page</c> from 1) and how many matched in all.</summary>
public sealed record PageResponse<T>(int Page, int PageSize, int Total, IReadOnlyList<T> Items);
