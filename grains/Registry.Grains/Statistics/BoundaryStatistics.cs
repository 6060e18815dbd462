using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Statistics;
using Registry.Grains.Boundaries;
using F = Registry.Abstractions.Statistics.StatisticsFigures;

namespace Registry.Grains.Statistics;

/// <summary>
/// What boundary records count, at both sides' offices (see <see cref="StatisticsOffices.BothSides"/>). A line is
/// overdue from the day after its last completed joint inspection is <see cref="InspectionYears"/> years old until the
/// next completes (the boundary report's rule); a line never inspected is counted apart. Pure.
/// </summary>
public static class BoundaryStatistics
{
    /// <summary>Joint inspection every five years (Administrative Boundary Management Regulations).</summary>
    public const int InspectionYears = 5;

    public static RecordStatistics OfLine(BoundaryLineState state, TimeZoneInfo zone)
    {
        if (state.Number.Length == 0)
        {
            return RecordStatistics.None;
        }

        var key = $"line:{state.Number}";
        var levels = new List<StatisticsFact>();
        void Level(string id, string figure, DateOnly date, int count) =>
            levels.AddRange(StatisticsOffices.BothSides(id, figure, state.DivisionA, state.DivisionB, date, count));

        var recorded = DayOf(state.RecordedAt, zone);
        Level(key, F.Lines, recorded, 1);
        foreach (var attached in state.History.Where(h => h.Operation == "attach-marker"))
        {
            Level($"{key}#marker-{attached.Changed}", F.Markers, DayOf(attached.At, zone), 1);
        }

        var completions = state.Inspections.Where(i => i.CompletedOn is not null)
            .Select(i => i.CompletedOn!.Value).Order().ToList();
        Level($"{key}#never", F.LinesNeverInspected, recorded, 1);
        if (completions.Count > 0)
        {
            Level($"{key}#never-end", F.LinesNeverInspected, completions[0], -1);
        }

        for (var i = 0; i < completions.Count; i++)
        {
            var overdueFrom = completions[i].AddYears(InspectionYears).AddDays(1);
            var next = i + 1 < completions.Count ? completions[i + 1] : (DateOnly?)null;
            if (next is { } n && n <= overdueFrom)
            {
                continue;
            }

            Level($"{key}#overdue-{i}", F.LinesOverdue, overdueFrom, 1);
            if (next is { } until)
            {
                Level($"{key}#overdue-{i}-end", F.LinesOverdue, until, -1);
            }
        }

        return new RecordStatistics([], levels);
    }

    public static RecordStatistics OfInspection(JointInspectionState state)
    {
        if (state.Id.Length == 0 || state.CompletedOn is not { } completedOn || state.Sides.Count == 0)
        {
            return RecordStatistics.None;
        }

        var (a, b) = (state.Sides[0], state.Sides[^1]);
        var key = $"inspection:{state.Id}";
        var facts = StatisticsOffices.BothSides(key, F.InspectionsCompleted, a, b, completedOn).ToList();
        foreach (var repair in state.Repairs)
        {
            var id = $"{key}#repair-{repair.MarkerNumber}";
            facts.AddRange(StatisticsOffices.BothSides(id, F.RepairsOpened, a, b, completedOn));
            if (repair.Status == RepairStatus.Done && repair.CompletedOn is { } done)
            {
                facts.AddRange(StatisticsOffices.BothSides(id + "-done", F.RepairsCompleted, a, b, done));
            }
        }

        return new RecordStatistics(facts, []);
    }

    private static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}
