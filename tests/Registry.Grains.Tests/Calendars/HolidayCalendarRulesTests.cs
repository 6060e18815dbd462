using Registry.Abstractions.Calendars;
using Registry.Abstractions.Errors;
using Registry.Grains.Calendars;

namespace Registry.Grains.Tests.Calendars;

/// <summary>The checks of a year's calendar on their own, no cluster.</summary>
public sealed class HolidayCalendarRulesTests
{
    // Days of the 2026 notice as shipped (appsettings.json): New Year 1-3 January, Sunday 4 January worked.
    private static readonly LoadHolidayCalendar NewYear2026 = new(2026, "  2026 notice  ",
        [new(2026, 1, 3), new(2026, 1, 1), new(2026, 1, 2)], [new(2026, 1, 4)]);

    [Fact]
    public void Check_AConsistentYear_IsPutInOrderAndTrimmed()
    {
        var calendar = HolidayCalendarRules.Check(NewYear2026);

        Assert.Equal([new(2026, 1, 1), new(2026, 1, 2), new(2026, 1, 3)], calendar.Holidays);
        Assert.Equal("2026 notice", calendar.Reference);
        var stored = new HolidayCalendarYear(2026, 1, calendar.Reference, calendar.Holidays, calendar.WorkingDays,
            DateTimeOffset.UnixEpoch, "admin-1");
        Assert.True(stored.Holds(HolidayCalendarRules.Check(NewYear2026)));
        Assert.False(stored.Holds(HolidayCalendarRules.Check(NewYear2026 with { WorkingDays = [] })));
    }

    public static TheoryData<string, string, string> Refused => new()
    {
        { "a holiday in the next year", "calendar-date-outside-year", "holidays" },
        { "a working day that is also a holiday", "calendar-day-both", "workingDays" },
        { "a weekday as working day", "calendar-working-day-not-weekend", "workingDays" },
        { "a holiday twice", "calendar-day-repeated", "holidays" },
        { "no holidays", "calendar-without-holidays", "holidays" },
        { "no reference", "field-required", "reference" },
        { "a year out of range", "calendar-year", "year" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void Check_AnInconsistentYear_IsRefusedNamingTheRuleAndField(string what, string rule, string field)
    {
        var command = what switch
        {
            "a holiday in the next year" => NewYear2026 with { Holidays = [.. NewYear2026.Holidays, new(2027, 1, 1)] },
            "a working day that is also a holiday" =>
                NewYear2026 with { WorkingDays = [new(2026, 1, 4), new(2026, 1, 3)] },
            "a weekday as working day" => NewYear2026 with { WorkingDays = [new(2026, 1, 5)] },
            "a holiday twice" => NewYear2026 with { Holidays = [.. NewYear2026.Holidays, new(2026, 1, 1)] },
            "no holidays" => NewYear2026 with { Holidays = [] },
            "no reference" => NewYear2026 with { Reference = " " },
            _ => NewYear2026 with { Year = 1900 },
        };

        var error = Assert.Throws<DomainException>(() => HolidayCalendarRules.Check(command));

        Assert.Equal((DomainErrorKind.Invalid, rule, field), (error.Kind, error.Rule, error.Field));
    }
}
