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

    /// <summary>
    /// A full work report whose statements hold every accounting identity: total income <paramref name="income"/>
    /// (donations make up the difference), expenses 95,500.50, net assets 310,000; members for a social association.
    /// </summary>
    public static AnnualReportContent Content(string? rectification = null, decimal income = 120_000m,
        OrganizationKind kind = OrganizationKind.SocialAssociation) =>
        new("开展学术交流活动", 0, 0, 0, 0, "年会一次", PartyOrganizationStatus.Joint, rectification,
            BasicInformationChanges: null,
            Governance: new ReportGovernance(2, 1, null),
            BalanceSheet: new BalanceSheet(400_000m, 90_000m, 100_000m, 210_000m, 310_000m, 280_000m),
            IncomeBySource: new IncomeBySource(income - 50_000m, 30_000m, 10_000m, 10_000m, 0, 0, income),
            Expenses: new ExpensesByPurpose(80_000m, 10_500.5m, 5_000m, 0, 95_500.5m),
            Workforce: kind == OrganizationKind.SocialAssociation
                ? new ReportWorkforce(3, 1, 12, 150, 12, 1, 0)
                : new ReportWorkforce(3, 1, 12, null, null, 1, 0),
            Projects: [new ReportProject("学术年会", 30_000m)],
            AuditReport: "某会计师事务所审字〔2027〕18号");

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
