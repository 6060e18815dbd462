using Registry.Abstractions.Marriages;

namespace Registry.Grains.Marriages;

/// <summary>A certificate issued to one party. Only <see cref="VoidedOn"/> and <see cref="ReplacedBy"/> are ever
/// set later, when a replacement voids it.</summary>
public sealed class CertificateRecord
{
    public string Number { get; set; } = "";

    public CertificateKind Kind { get; set; }

    public string HolderIdNumber { get; set; } = "";

    public string Office { get; set; } = "";

    public DateOnly IssuedOn { get; set; }

    public DateOnly? VoidedOn { get; set; }

    public string? ReplacedBy { get; set; }
}
