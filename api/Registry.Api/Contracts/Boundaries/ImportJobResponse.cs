using Registry.Abstractions.Boundaries;

namespace Registry.Api.Contracts.Boundaries;

/// <summary>
/// An import's progress and report: features processed of the total, records created, changed and unchanged, and
/// every rejected feature (its index in the collection, id or code, the rule and why).
/// </summary>
public sealed record ImportJobResponse(
    string Id,
    ImportKind Kind,
    string? Source,
    ImportJobStatus Status,
    int Total,
    int Processed,
    int Created,
    int Changed,
    int Unchanged,
    int Rejected,
    IReadOnlyList<ImportRejectionResponse> Rejections,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    string StartedBy,
    string Reason,
    string? Failure)
{
    public static ImportJobResponse From(ImportJobDetails d) =>
        new(d.Id, d.Kind, d.SourceName, d.Status, d.Total, d.Processed, d.Created, d.Changed, d.Unchanged,
            d.Rejections.Count,
            d.Rejections.Select(r => new ImportRejectionResponse(r.Index, r.Feature, r.Rule, r.Message)).ToList(),
            d.StartedAt, d.FinishedAt, d.StartedBy, d.Reason, d.Failure);
}
