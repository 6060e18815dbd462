namespace Registry.Abstractions.Organizations;

/// <summary>
/// One version of an annual report: version 1 is the filing, later versions are corrections made before the
/// inspection. <see cref="FiledOn"/> is the bureau's civil date; <see cref="Reason"/> is the late-filing reason of
/// version 1 or the correction reason of later versions. <see cref="CharityRatios"/> is computed for a foundation's
/// version when it is filed.
/// </summary>
[GenerateSerializer, Alias("Registry.Organizations.AnnualReportVersion")]
public sealed record AnnualReportVersion(
    [property: Id(0)] int Version,
    [property: Id(1)] AnnualReportContent Content,
    [property: Id(2)] DateOnly FiledOn,
    [property: Id(3)] DateTimeOffset FiledAt,
    [property: Id(4)] string FiledBy,
    [property: Id(5)] ReportFiler FiledAs,
    [property: Id(6)] string? Reason,
    [property: Id(7)] CharityRatios? CharityRatios = null);
