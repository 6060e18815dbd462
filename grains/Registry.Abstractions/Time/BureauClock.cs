namespace Registry.Abstractions.Time;

/// <summary>
/// The bureau's calendar day. Legal dates (effective dates, deadlines, ages) are civil dates in the bureau's time
/// zone, not UTC dates: a change made at 07:00 in Beijing is made on that Beijing day.
/// </summary>
public sealed class BureauClock(TimeProvider time, TimeZoneInfo zone)
{
    /// <summary>The default zone of a Chinese civil-affairs bureau.</summary>
    public const string DefaultTimeZoneId = "Asia/Shanghai";

    public TimeProvider Time => time;

    public TimeZoneInfo Zone => zone;

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);

    public DateTimeOffset Now => time.GetUtcNow();
}
