using System.Globalization;

namespace Registry.Grains.Organizations;

/// <summary>
/// Resolves the filing window of a registering office for a report year from <see cref="OrganizationOptions"/>,
/// parsed once. Immutable and thread-safe.
/// </summary>
public sealed class FilingWindowPolicy
{
    private readonly (MonthDay Opens, MonthDay Closes) defaultWindow;
    private readonly Dictionary<string, (MonthDay Opens, MonthDay Closes)> byOffice;

    public FilingWindowPolicy(OrganizationOptions options)
    {
        defaultWindow = Parse(options.FilingWindow, "Registry:Organizations:FilingWindow");
        byOffice = options.OfficeFilingWindows.ToDictionary(
            pair => pair.Key,
            pair => Parse(pair.Value, $"Registry:Organizations:OfficeFilingWindows:{pair.Key}"),
            StringComparer.Ordinal);
    }

    /// <summary>The window in which the report for <paramref name="reportYear"/> is filed with the office.</summary>
    public FilingWindow For(string office, int reportYear)
    {
        var (opens, closes) = Resolve(office);
        var year = reportYear + 1;
        return new FilingWindow(new DateOnly(year, opens.Month, opens.Day), new DateOnly(year, closes.Month, closes.Day));
    }

    internal static (MonthDay Opens, MonthDay Closes) Parse(FilingWindowSetting setting, string key)
    {
        var opens = ParseMonthDay(setting.Opens, key + ":Opens");
        var closes = ParseMonthDay(setting.Closes, key + ":Closes");
        if (closes.CompareTo(opens) < 0)
        {
            throw new InvalidOperationException($"{key}: the window must not close before it opens.");
        }

        return (opens, closes);
    }

    private (MonthDay Opens, MonthDay Closes) Resolve(string office)
    {
        if (office.Length == 6)
        {
            foreach (var key in new[] { office, office[..4] + "00", office[..2] + "0000" })
            {
                if (byOffice.TryGetValue(key, out var window))
                {
                    return window;
                }
            }
        }

        return defaultWindow;
    }

    private static MonthDay ParseMonthDay(string? text, string key)
    {
        // Parsed against a leap year so that 02-29 parses and can be refused with a clear message.
        if (text is null || !DateOnly.TryParseExact("2000-" + text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var date))
        {
            throw new InvalidOperationException($"{key} must be a month and day written MM-dd, e.g. 05-31.");
        }

        if (date is { Month: 2, Day: 29 })
        {
            throw new InvalidOperationException($"{key}: 02-29 does not exist every year; use 02-28 or 03-01.");
        }

        return new MonthDay(date.Month, date.Day);
    }

    internal readonly record struct MonthDay(int Month, int Day) : IComparable<MonthDay>
    {
        public int CompareTo(MonthDay other) => (Month, Day).CompareTo((other.Month, other.Day));
    }
}
