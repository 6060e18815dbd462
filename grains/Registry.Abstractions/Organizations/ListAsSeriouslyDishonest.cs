namespace Registry.Abstractions.Organizations;

/// <summary>
/// Put the organization on the serious-dishonesty list by decision, on one of the grounds of the Credit Information
/// Measures 2018 (see <see cref="DishonestyGrounds"/>), with the decision's number, date and authority.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.ListAsSeriouslyDishonest")]
public sealed record ListAsSeriouslyDishonest(
    [property: Id(0)] string Ground,
    [property: Id(1)] string DecisionNumber,
    [property: Id(2)] DateOnly DecidedOn,
    [property: Id(3)] string Authority,
    [property: Id(4)] string Reason);
