using Registry.Abstractions.Marriages;

namespace Registry.Grains.Marriages;

/// <summary>
/// The two periods of divorce by registration (Civil Code art. 1077): 30 days of cooling-off counted from the day
/// after receipt, during which either party may withdraw; then 30 days in which both must appear, else the application
/// is deemed withdrawn. Each period's last day moves to the next working day when it is a rest day (art. 203), and the
/// second period starts after the first one's (moved) end. Pure.
/// </summary>
public static class DivorcePeriods
{
    public const int CoolingOffDays = 30;
    public const int AppearanceDays = 30;

    /// <summary>The last day of cooling-off and the last day to appear for an application received on
    /// <paramref name="receivedOn"/>.</summary>
    public static (DateOnly CoolingOffEnds, DateOnly LastDayToAppear) For(DateOnly receivedOn, HolidayCalendar calendar)
    {
        var coolingOffEnds = calendar.OnOrNextWorkingDay(receivedOn.AddDays(CoolingOffDays));
        var lastDay = calendar.OnOrNextWorkingDay(coolingOffEnds.AddDays(AppearanceDays));
        return (coolingOffEnds, lastDay);
    }

    /// <summary>
    /// The years without a loaded calendar that the periods of an application received on
    /// <paramref name="receivedOn"/> ran into, deciding where they end: the day each period's count reaches and the
    /// day it ends on. Their deadlines are provisional (computed with weekends only) until those years are loaded.
    /// </summary>
    public static List<int> ProvisionalYears(DateOnly receivedOn, DateOnly coolingOffEnds, DateOnly lastDayToAppear,
        HolidayCalendar calendar) =>
        new[]
            {
                receivedOn.AddDays(CoolingOffDays), coolingOffEnds, coolingOffEnds.AddDays(AppearanceDays),
                lastDayToAppear,
            }
            .Select(d => d.Year).Distinct().Where(year => !calendar.IsLoaded(year)).Order().ToList();

    /// <summary>
    /// The periods recomputed on <paramref name="calendar"/> for an application that already has
    /// (<paramref name="coolingOffEnds"/>, <paramref name="lastDayToAppear"/>): each only ever later, never earlier
    /// (a party told a day keeps at least that day); the appearance period runs from the cooling-off end kept.
    /// </summary>
    public static (DateOnly CoolingOffEnds, DateOnly LastDayToAppear) Recompute(DateOnly receivedOn,
        DateOnly coolingOffEnds, DateOnly lastDayToAppear, HolidayCalendar calendar)
    {
        var recomputed = calendar.OnOrNextWorkingDay(receivedOn.AddDays(CoolingOffDays));
        var keptCoolingOff = recomputed > coolingOffEnds ? recomputed : coolingOffEnds;
        var lastDay = calendar.OnOrNextWorkingDay(keptCoolingOff.AddDays(AppearanceDays));
        return (keptCoolingOff, lastDay > lastDayToAppear ? lastDay : lastDayToAppear);
    }

    /// <summary>The status of an application as of <paramref name="today"/>.</summary>
    public static DivorceApplicationStatus StatusOn(DivorceApplicationRecord application, DateOnly today) =>
        application.Outcome switch
        {
            DivorceApplicationOutcome.Open when today <= application.CoolingOffEnds =>
                DivorceApplicationStatus.CoolingOff,
            DivorceApplicationOutcome.Open when today <= application.LastDayToAppear =>
                DivorceApplicationStatus.AwaitingRegistration,
            DivorceApplicationOutcome.Open or DivorceApplicationOutcome.DeemedWithdrawn =>
                DivorceApplicationStatus.DeemedWithdrawn,
            DivorceApplicationOutcome.Withdrawn => DivorceApplicationStatus.Withdrawn,
            DivorceApplicationOutcome.Registered => DivorceApplicationStatus.Registered,
            _ => DivorceApplicationStatus.Cancelled,
        };

    /// <summary>
    /// True when the application is open and its last day to appear is before <paramref name="today"/>.
    /// </summary>
    public static bool HasLapsed(DivorceApplicationRecord application, DateOnly today) =>
        application.Outcome == DivorceApplicationOutcome.Open && today > application.LastDayToAppear;
}
