using System.Text.Json;
using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;

namespace Registry.Grains.Tests.Organizations;

/// <summary>Records and commands for the pure rule tests.</summary>
public static class CycleTestData
{
    public static readonly FilingWindowPolicy DefaultWindows = new(new OrganizationOptions());

    public static EventStamp Registrar { get; } = new(DateTimeOffset.UnixEpoch, "registrar-zhang");

    public static EventStamp System { get; } = new(DateTimeOffset.UnixEpoch, "system");

    /// <summary>An active association registered in this registry on <paramref name="registeredOn"/>.</summary>
    public static OrganizationState Registered(DateOnly registeredOn, int foundedYear = 2015,
        FilingWindowPolicy? windows = null, string? office = null)
    {
        office ??= TestCodes.County(40);
        var serial = TestCodes.NextSerial();
        var state = new OrganizationState
        {
            Uscc = TestCodes.Uscc(OrganizationKind.SocialAssociation, office, serial),
            Name = $"测试协会{serial}",
            Kind = OrganizationKind.SocialAssociation,
            RegisteringOffice = office,
            LegalRepresentative = "张三",
            Address = "测试路1号",
            BusinessScope = "学术交流",
            FoundedOn = new DateOnly(foundedYear, 3, 1),
            RegisteredOn = registeredOn,
            Status = OrganizationStatus.Active,
        };
        AnnualCycle.StartCycle(state, windows ?? DefaultWindows);
        return state;
    }

    public static AnnualReportContent Content(string? rectification = null) =>
        new("开展学术交流活动", 120_000m, 95_500.5m, 310_000m, 4, "年会一次", PartyOrganizationStatus.Joint, rectification);

    public static FileAnnualReport Filing(int year, ReportFiler filer = ReportFiler.Organization,
        string? lateReason = null, string? rectification = null) =>
        new(year, Content(rectification), filer, lateReason);

    /// <summary>Files the report for <paramref name="year"/> on <paramref name="today"/>, checked like the grain does.</summary>
    public static void File(OrganizationState state, int year, DateOnly today, ReportFiler filer = ReportFiler.Organization,
        string? lateReason = null, string? rectification = null)
    {
        var command = Filing(year, filer, lateReason, rectification);
        var late = AnnualCycle.CheckFiling(state, command, DefaultWindows.For(state.RegisteringOffice, year), today);
        AnnualCycle.File(state, command, late, today, Registrar);
    }

    public static IReadOnlyList<OrganizationEvent> Apply(OrganizationState state, DateOnly today) =>
        AnnualCycle.ApplyDeadlines(state, DefaultWindows, today, System);

    public static string Snapshot(OrganizationState state) => JsonSerializer.Serialize(state);
}
