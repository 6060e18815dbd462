using Registry.Abstractions.Organizations;

namespace Registry.Grains.Organizations;

/// <summary>Stored state of an import of the register; <see cref="Id"/> is empty until it starts.</summary>
public sealed class OrganizationImportJobState
{
    public string Id { get; set; } = "";

    public string Source { get; set; } = "";

    public OrganizationImportJobStatus Status { get; set; }

    public long Rows { get; set; }

    public long Imported { get; set; }

    public long AlreadyStored { get; set; }

    public long Rejected { get; set; }

    public Dictionary<string, long> RejectedByRule { get; set; } = new(StringComparer.Ordinal);

    public List<OrganizationImportRejection> Rejections { get; set; } = [];

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string StartedBy { get; set; } = "";

    public string? Failure { get; set; }

    /// <summary>When the run last reported or said it was alive (null before its first).</summary>
    public DateTimeOffset? LastHeardAt { get; set; }
}
