using System.Text.Json.Serialization;
using Registry.Abstractions.Organizations;

namespace Registry.Grains.Organizations;

/// <summary>
/// Stored state of an organization. <see cref="Uscc"/> is empty for a code never registered.
/// <see cref="DeadlinesAppliedThrough"/> is the last report year whose window close has been applied (or lay before
/// registration); <see cref="Revision"/> counts writes and orders index updates.
/// </summary>
public sealed class OrganizationState
{
    public string Uscc { get; set; } = "";

    public string Name { get; set; } = "";

    public OrganizationKind Kind { get; set; }

    public string RegisteringOffice { get; set; } = "";

    public string? SupervisingUnit { get; set; }

    public string LegalRepresentative { get; set; } = "";

    public string Address { get; set; } = "";

    public string BusinessScope { get; set; } = "";

    /// <summary>Yuan.</summary>
    public decimal RegisteredCapital { get; set; }

    public DateOnly FoundedOn { get; set; }

    public DateOnly RegisteredOn { get; set; }

    public OrganizationStatus Status { get; set; }

    public DateOnly? DeregisteredOn { get; set; }

    /// <summary>The date of the revocation decision, for a revoked organization.</summary>
    public DateOnly? RevokedOn { get; set; }

    /// <summary>Why a code failing its check character was accepted; null for a valid code.</summary>
    public string? LegacyCodeOverrideReason { get; set; }

    public List<AnnualReportRecord> Reports { get; set; } = [];

    /// <summary>Unsubmitted report drafts, one per year at most; removed when the year's report is filed.</summary>
    public List<AnnualReportDraftDetails> Drafts { get; set; } = [];

    public List<ListEntry> ListEntries { get; set; } = [];

    /// <summary>
    /// Report years whose report was not filed when their window closed: the years of the not-filed list entries
    /// (entries are closed, never deleted), so derived rather than stored as a second copy of the same fact.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<int> MissedYears =>
        ListEntries.Where(e => e.Ground == ListGrounds.AnnualReportNotFiled && e.Year is not null)
            .Select(e => e.Year!.Value)
            .ToList();

    public int? DeadlinesAppliedThrough { get; set; }

    public RevocationFlag? RevocationFlag { get; set; }

    public List<GradeEvaluation> Grades { get; set; } = [];

    public List<Penalty> Penalties { get; set; } = [];

    public List<OrganizationEvent> Events { get; set; } = [];

    public long Revision { get; set; }
}
