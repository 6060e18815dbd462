using Registry.Abstractions.Organizations;
using Registry.Abstractions.Statistics;
using Registry.Grains.Organizations;
using F = Registry.Abstractions.Statistics.StatisticsFigures;

namespace Registry.Grains.Statistics;

/// <summary>What an organization counts in the statistics, at its registering office. Pure.</summary>
public static class OrganizationStatistics
{
    /// <summary>
    /// The organization's facts. Reports due (<see cref="AnnualCycle.ReportsDue"/>) count on the last day of their
    /// year's filing window, and so do the due reports inspected (whenever the inspection was recorded): the
    /// inspection rate of a period is the share of the reports due in it that have been inspected.
    /// </summary>
    public static RecordStatistics Of(OrganizationState state, FilingWindowPolicy windows)
    {
        if (state.Uscc.Length == 0)
        {
            return RecordStatistics.None;
        }

        var office = state.RegisteringOffice;
        var key = $"organization:{state.Uscc}";
        var facts = new List<StatisticsFact>();
        foreach (var e in state.Events)
        {
            var figure = e.Kind switch
            {
                OrganizationEventKind.Registered => state.Kind switch
                {
                    OrganizationKind.SocialAssociation => F.RegisteredSocialAssociations,
                    OrganizationKind.PrivateNonEnterprise => F.RegisteredPrivateNonEnterprise,
                    _ => F.RegisteredFoundations,
                },
                OrganizationEventKind.Deregistered => F.Deregistered,
                OrganizationEventKind.RegistrationRevoked => F.Revoked,
                _ => null,
            };
            if (figure is not null)
            {
                facts.Add(new($"{key}#{e.Sequence}", figure, office, e.Date));
            }
        }

        foreach (var report in state.Reports.Where(r => r.Versions.Count > 0))
        {
            facts.Add(new($"{key}#report-{report.Year}", F.ReportsFiled, office, report.FiledOn));
            if (report.FiledLate)
            {
                facts.Add(new($"{key}#report-{report.Year}-late", F.ReportsFiledLate, office, report.FiledOn));
            }

            if (report.Inspection is { } inspection)
            {
                // One outcome per report year; recorded again, it replaces itself (same id, new figure and date).
                facts.Add(new($"{key}#inspection-{report.Year}", inspection.Outcome switch
                {
                    InspectionOutcome.Pass => F.InspectionsPass,
                    InspectionOutcome.BasicPass => F.InspectionsBasicPass,
                    _ => F.InspectionsFail,
                }, office, inspection.DecidedOn));
            }
        }

        foreach (var year in AnnualCycle.ReportsDue(state, windows))
        {
            facts.Add(new($"{key}#due-{year.Year}", F.ReportsDue, office, year.Window.Closes, year.Due ? 1 : 0));
            facts.Add(new($"{key}#due-{year.Year}-inspected", F.ReportsDueInspected, office, year.Window.Closes,
                year.Inspected ? 1 : 0));
        }

        foreach (var entry in state.ListEntries)
        {
            var abnormal = entry.List == OrganizationList.Abnormal;
            facts.Add(new($"{key}#list-{entry.Id}", abnormal ? F.AbnormalEntered : F.DishonestEntered, office,
                entry.ListedOn));
            if (entry.RemovedOn is { } removedOn)
            {
                facts.Add(new($"{key}#list-{entry.Id}-removed", abnormal ? F.AbnormalRemoved : F.DishonestRemoved,
                    office, removedOn));
            }

            if (entry.Ground == ListGrounds.AnnualReportNotFiled)
            {
                facts.Add(new($"{key}#list-{entry.Id}-not-filed", F.ReportsNotFiled, office, entry.ListedOn));
            }
        }

        var levels = new List<StatisticsFact>();
        for (var i = 0; i < state.Grades.Count; i++)
        {
            var grade = state.Grades[i];
            var figure = F.GradeInForce(grade.Grade);
            var ends = grade.EndedOn is { } ended && ended < grade.ValidUntil ? ended : grade.ValidUntil;
            levels.Add(new($"{key}#grade-{i}", figure, office, grade.EvaluatedOn));
            levels.Add(new($"{key}#grade-{i}-end", figure, office, ends, -1));
        }

        return new RecordStatistics(facts, levels);
    }
}
