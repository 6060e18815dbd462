using Registry.Abstractions.Marriages;

namespace Registry.Grains.Marriages;

/// <summary>A certificate issued to one party. Only <see cref="VoidedOn"/>, <see cref="VoidReason"/> and
/// <see cref="ReplacedBy"/> are ever set later, when a replacement or the end of the marriage voids it.</summary>
public sealed class CertificateRecord
{
    public string Number { get; set; } = "";

    public CertificateKind Kind { get; set; }

    public string HolderIdNumber { get; set; } = "";

    public string Office { get; set; } = "";

    public DateOnly IssuedOn { get; set; }

    public DateOnly? VoidedOn { get; set; }

    public string? ReplacedBy { get; set; }

    /// <summary>Why it is void: replaced, the divorce registered, the marriage annulled or dissolved by a
    /// court.</summary>
    public string? VoidReason { get; set; }
}
