namespace Registry.Grains.Organizations;

/// <summary>
/// One report year this register has asked of an organization: its filing window, whether the report is due
/// (<see cref="AnnualCycle.ReportsDue"/>) and whether a due report has been inspected.
/// </summary>
public sealed record ReportDue(int Year, FilingWindow Window, bool Due, bool Inspected);
