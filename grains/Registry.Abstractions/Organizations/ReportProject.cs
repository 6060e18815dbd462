namespace Registry.Abstractions.Organizations;

/// <summary>A major activity or project of the year and what it spent, in yuan.</summary>
[GenerateSerializer, Alias("Registry.Organizations.ReportProject")]
public sealed record ReportProject(
    [property: Id(0)] string Name,
    [property: Id(1)] decimal Spending);
