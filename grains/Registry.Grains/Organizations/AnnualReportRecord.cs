using Registry.Abstractions.Organizations;

namespace Registry.Grains.Organizations;

/// <summary>Stored report year: its versions (oldest first) and inspection.</summary>
public sealed class AnnualReportRecord
{
    public int Year { get; set; }

    /// <summary>True when version 1 was filed after the window closed (a registrar's late record).</summary>
    public bool FiledLate { get; set; }

    public List<AnnualReportVersion> Versions { get; set; } = [];

    public InspectionResult? Inspection { get; set; }

    public DateOnly FiledOn => Versions[0].FiledOn;
}
