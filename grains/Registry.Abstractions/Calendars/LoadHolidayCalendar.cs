namespace Registry.Abstractions.Calendars;

/// <summary>
/// A year's public holidays and the weekend days worked instead (调休上班日), as the State Council's notice for that
/// year sets them (<see cref="Reference"/>: the notice's title or number and date). <see cref="Holidays"/> are the
/// rest days of the holidays, weekdays given off included; <see cref="WorkingDays"/> are the Saturdays and Sundays
/// worked instead.
/// </summary>
[GenerateSerializer, Alias("Registry.Calendars.LoadHolidayCalendar")]
public sealed record LoadHolidayCalendar(
    [property: Id(0)] int Year,
    [property: Id(1)] string Reference,
    [property: Id(2)] IReadOnlyList<DateOnly> Holidays,
    [property: Id(3)] IReadOnlyList<DateOnly> WorkingDays);
