namespace Registry.Abstractions.Organizations;

/// <summary>
/// The year's expenses by purpose in yuan, each line not negative; <see cref="Total"/> is their sum.
/// <see cref="Programme"/> is the charitable (programme) activity spending, <see cref="Administration"/> the
/// administrative costs of the 2016 rules.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.ExpensesByPurpose")]
public sealed record ExpensesByPurpose(
    [property: Id(0)] decimal Programme,
    [property: Id(1)] decimal Administration,
    [property: Id(2)] decimal Fundraising,
    [property: Id(3)] decimal Other,
    [property: Id(4)] decimal Total);
