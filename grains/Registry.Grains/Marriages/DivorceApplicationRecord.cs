using Registry.Abstractions.Marriages;

namespace Registry.Grains.Marriages;

/// <summary>A divorce application of one marriage, numbered from 1 within it. The parties' entries and the
/// agreement's contents are null on applications stored before they were recorded: shown as not recorded, never
/// inferred.</summary>
public sealed class DivorceApplicationRecord
{
    public int Sequence { get; set; }

    public string Office { get; set; } = "";

    public string Agreement { get; set; } = "";

    public DateOnly ReceivedOn { get; set; }

    public DateOnly CoolingOffEnds { get; set; }

    public DateOnly LastDayToAppear { get; set; }

    public DivorceApplicationOutcome Outcome { get; set; }

    public DateOnly? ClosedOn { get; set; }

    public string? WithdrawnBy { get; set; }

    public string? CertificateNumber { get; set; }

    public List<DivorceApplicant>? Parties { get; set; }

    public DivorceAgreementContents? AgreementContents { get; set; }

    public List<DivorceAppearance>? RegistrationParties { get; set; }

    /// <summary>The years without a loaded calendar the deadlines were computed into; null or empty when final
    /// (applications stored before calendars were data were computed on the configured calendar and count as
    /// final).</summary>
    public List<int>? ProvisionalYears { get; set; }
}
