using Registry.Abstractions.Boundaries;

namespace Registry.Grains.Boundaries;

/// <summary>Stored state of an import job; <see cref="Id"/> is empty until it starts.</summary>
public sealed class ImportJobState
{
    public string Id { get; set; } = "";

    public ImportKind Kind { get; set; }

    public string? SourceName { get; set; }

    public ImportJobStatus Status { get; set; }

    public int Total { get; set; }

    public int Processed { get; set; }

    public int Created { get; set; }

    public int Changed { get; set; }

    public int Unchanged { get; set; }

    public List<ImportRejection> Rejections { get; set; } = [];

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string StartedBy { get; set; } = "";

    public string Reason { get; set; } = "";

    public string? Failure { get; set; }
}
