using Registry.Abstractions.Boundaries;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>One page of the lines due for joint inspection, by line number; <c>total</c> counts every match.</summary>
public sealed record OverduePageResponse(int Page, int Limit, int Total, IReadOnlyList<OverdueLineResponse> Items)
{
    public static OverduePageResponse From(OverduePage page, int pageNumber, int limit) =>
        new(pageNumber, limit, page.Total, page.Lines.Select(OverdueLineResponse.From).ToList());
}
