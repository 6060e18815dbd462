namespace Registry.Abstractions.Organizations;

/// <summary>
/// A recorded administrative penalty (public, as the national credit platform publishes it): <see cref="Id"/>
/// numbers the organization's penalties from 1; the decision's number, date, authority and grounds; the amount in
/// yuan (fine, confiscation) or the suspension period (inclusive dates); when and by whom it was recorded.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.Penalty")]
public sealed record Penalty(
    [property: Id(0)] int Id,
    [property: Id(1)] PenaltyKind Kind,
    [property: Id(2)] string DecisionNumber,
    [property: Id(3)] DateOnly DecidedOn,
    [property: Id(4)] string Authority,
    [property: Id(5)] string Grounds,
    [property: Id(6)] decimal? Amount,
    [property: Id(7)] DateOnly? SuspendedFrom,
    [property: Id(8)] DateOnly? SuspendedUntil,
    [property: Id(9)] DateOnly RecordedOn,
    [property: Id(10)] string RecordedBy);
