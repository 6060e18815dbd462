using Registry.Abstractions.Marriages;

namespace Registry.Grains.Marriages;

/// <summary>
/// Stored state of a marriage record. The registration (parties, office, date, declarations) is written once;
/// everything after is appended: history entries, certificates, divorce applications, corrections. Status and end
/// date are the record's current standing, each change of them recorded in <see cref="Events"/>.
/// </summary>
public sealed class MarriageState
{
    public MarriageRecordStatus Record { get; set; }

    public string Id { get; set; } = "";

    public string Office { get; set; } = "";

    public DateOnly RegisteredOn { get; set; }

    public PartyRecord PartyA { get; set; } = new();

    public PartyRecord PartyB { get; set; } = new();

    public bool NoSpouseDeclared { get; set; }

    public bool NoProhibitedKinshipDeclared { get; set; }

    public bool BothPresent { get; set; }

    public MarriageStatus Status { get; set; }

    public DateOnly? EndedOn { get; set; }

    public string? DeceasedIdNumber { get; set; }

    public List<CertificateRecord> Certificates { get; set; } = [];

    public List<DivorceApplicationRecord> Applications { get; set; } = [];

    public List<PartyCorrection> Corrections { get; set; } = [];

    public List<MarriageEvent> Events { get; set; } = [];

    /// <summary>Set when the record was entered from the archive (补录): where the paper record is kept.</summary>
    public ArchiveSource? Archive { get; set; }

    /// <summary>The end the archive entry recorded (<see cref="EnterArchivedMarriage.Ended"/>), as entered; null for
    /// a new registration and for an archive entry in force when it was entered.</summary>
    public ArchivedEnd? ArchivedEnd { get; set; }

    /// <summary>Whether the parties were married to each other before and divorced (复婚), recorded with the
    /// registration; null on records stored before it was recorded.</summary>
    public bool? Reunion { get; set; }
}
