namespace Registry.Abstractions.Organizations;

/// <summary>
/// A report year with every version (oldest first; the last is current) and its inspection. Carries financial
/// detail: for the organization itself and its registrar only.
/// Immutable (records all the way down, its lists made for the call and never changed after): Orleans passes it
/// between grains of one process without copying it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Registry.Organizations.AnnualReportDetails")]
public sealed record AnnualReportDetails(
    [property: Id(0)] string Uscc,
    [property: Id(1)] int Year,
    [property: Id(2)] bool FiledLate,
    [property: Id(3)] IReadOnlyList<AnnualReportVersion> Versions,
    [property: Id(4)] InspectionResult? Inspection);
