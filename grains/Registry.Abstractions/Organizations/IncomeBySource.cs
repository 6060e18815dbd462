namespace Registry.Abstractions.Organizations;

/// <summary>The year's income by source in yuan, each line not negative; <see cref="Total"/> is their sum.</summary>
[GenerateSerializer, Alias("Registry.Organizations.IncomeBySource")]
public sealed record IncomeBySource(
    [property: Id(0)] decimal Donations,
    [property: Id(1)] decimal GovernmentGrants,
    [property: Id(2)] decimal Services,
    [property: Id(3)] decimal MembershipFees,
    [property: Id(4)] decimal Investment,
    [property: Id(5)] decimal Other,
    [property: Id(6)] decimal Total);
