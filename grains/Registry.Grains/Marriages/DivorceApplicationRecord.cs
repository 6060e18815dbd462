namespace Registry.Grains.Marriages;

/// <summary>A divorce application of one marriage, numbered from 1 within it.</summary>
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
}
