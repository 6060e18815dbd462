namespace Registry.Grains.Organizations;

/// <summary>
/// The days on which the report for one year may be filed, both inclusive. <see cref="Deadline"/> is the first
/// day after the window: the day an unfiled report puts the organization on the abnormal list.
/// </summary>
public readonly record struct FilingWindow(DateOnly Opens, DateOnly Closes)
{
    public DateOnly Deadline => Closes.AddDays(1);

    public bool Contains(DateOnly date) => Opens <= date && date <= Closes;
}
