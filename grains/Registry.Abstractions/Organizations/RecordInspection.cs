namespace Registry.Abstractions.Organizations;

/// <summary>Record the inspection outcome of the report for <see cref="Year"/>; reasons are required unless it
/// passed.</summary>
[GenerateSerializer, Alias("Registry.Organizations.RecordInspection")]
public sealed record RecordInspection(
    [property: Id(0)] int Year,
    [property: Id(1)] InspectionOutcome Outcome,
    [property: Id(2)] string? Reasons);
