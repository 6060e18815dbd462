using Registry.Abstractions.Places;

namespace Registry.Grains.Places;

/// <summary>Stored state of an import of names in force; <see cref="Id"/> is empty until it starts.</summary>
public sealed class PlaceNameImportJobState
{
    public string Id { get; set; } = "";

    public string Source { get; set; } = "";

    public PlaceNameImportJobStatus Status { get; set; }

    public long Rows { get; set; }

    public long Recorded { get; set; }

    public long AlreadyStored { get; set; }

    public long Rejected { get; set; }

    public Dictionary<string, long> RejectedByRule { get; set; } = new(StringComparer.Ordinal);

    public long Flagged { get; set; }

    public Dictionary<string, long> FlaggedByRule { get; set; } = new(StringComparer.Ordinal);

    public List<PlaceNameImportRow> Rejections { get; set; } = [];

    public List<PlaceNameImportRow> Flags { get; set; } = [];

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string StartedBy { get; set; } = "";

    public string? Failure { get; set; }
}
