using Registry.Abstractions.Marriages;

namespace Registry.Grains.Marriages;

/// <summary>Stored state of one office's register for one day: the entries each record contributes, by record
/// key.</summary>
public sealed class OfficeRegisterState
{
    public Dictionary<string, List<OfficeDayEntry>> ByRecord { get; set; } = new(StringComparer.Ordinal);
}
