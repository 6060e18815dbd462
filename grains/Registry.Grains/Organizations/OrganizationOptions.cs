using Registry.Abstractions.Divisions;
using Registry.Grains.Indexing;

namespace Registry.Grains.Organizations;

/// <summary>
/// The <c>Registry:Organizations</c> section. <see cref="FilingWindow"/> is the default annual-report window
/// (Jan 1 - May 31 of the following year); <see cref="OfficeFilingWindows"/> overrides it per registering office,
/// keyed by a 6-digit division code: an office uses its own entry, else its prefecture's (<c>xxxx00</c>), else its
/// province's (<c>xx0000</c>), else the default.
/// </summary>
public sealed class OrganizationOptions
{
    public FilingWindowSetting FilingWindow { get; set; } = new();

    public Dictionary<string, FilingWindowSetting> OfficeFilingWindows { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Foundations' spending and administrative-cost thresholds.</summary>
    public CharityThresholdOptions Charity { get; set; } = new();

    /// <summary>The <c>Registry:Organizations:Index</c> section: how often a search-index partition takes a snapshot
    /// while its entries change (<see cref="OrganizationIndexGrain"/>).</summary>
    public IndexSnapshotOptions Index { get; set; } = new();

    /// <summary>Whether the silo asks every search-index partition to load at its start, in the background (default
    /// true), so the first search after a restart does not wait for all of them to load.</summary>
    public bool LoadIndexAtStart { get; set; } = true;

    /// <summary>Throws <see cref="InvalidOperationException"/> naming the first unusable setting.</summary>
    public void Validate()
    {
        Index.Validate("Registry:Organizations:Index");
        FilingWindowPolicy.Parse(FilingWindow, "Registry:Organizations:FilingWindow");
        Charity.Validate();
        foreach (var (office, setting) in OfficeFilingWindows)
        {
            if (office.Length != 6 || !DivisionCode.IsWellFormed(office))
            {
                throw new InvalidOperationException(
                    $"Registry:Organizations:OfficeFilingWindows:{office} must be keyed by a 6-digit division code.");
            }

            FilingWindowPolicy.Parse(setting, $"Registry:Organizations:OfficeFilingWindows:{office}");
        }
    }
}
