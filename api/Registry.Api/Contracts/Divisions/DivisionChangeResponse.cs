using Registry.Abstractions.Divisions;

namespace Registry.Api.Contracts.Divisions;

/// <summary>A recorded change: its operation id (the same change posted again answers the same), what it was, and
/// the history entry written on each division it touched.</summary>
public sealed record DivisionChangeResponse(string OperationId, DivisionChangeKind Kind, DateOnly EffectiveDate,
    string Reason, IReadOnlyList<DivisionEventResponse> Events)
{
    public static DivisionChangeResponse From(DivisionChangeResult result) =>
        new(result.OperationId, result.Change.Kind, result.Change.EffectiveDate, result.Change.Reason,
            result.Events.Select(DivisionEventResponse.From).ToList());
}
