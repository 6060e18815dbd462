namespace Registry.Abstractions.Organizations;

/// <summary>
/// File the annual report for <see cref="Year"/>. Inside the filing window the organization or its registrar may
/// file; after the window closed only the registrar may record a late report, stating
/// <see cref="LateFilingReason"/> (a late report does not undo the listing for missing the deadline).
/// Immutable (records all the way down, its lists made for the call and never changed after): Orleans passes it
/// between grains of one process without copying it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Organizations.FileAnnualReport")]
public sealed record FileAnnualReport(
    [property: Id(0)] int Year,
    [property: Id(1)] AnnualReportContent Content,
    [property: Id(2)] ReportFiler FiledAs,
    [property: Id(3)] string? LateFilingReason);
