namespace Registry.Abstractions.Statistics;

/// <summary>
/// The catalogue of the annual statistics' figures (issue 18), in the order a bureau's summary lists them. The keys
/// are the JSON names; the labels the CSV headers. A figure the registry holds no records for is listed with its
/// reason and answered as null.
/// </summary>
public static class StatisticsFigures
{
    public const string Marriage = "marriage";
    public const string Organizations = "organizations";
    public const string Places = "places";
    public const string Boundaries = "boundaries";

    /// <summary>Office prefix of a correction counted only in roll-ups (see <see cref="StatisticsFact"/>).</summary>
    public const string SharedPrefix = "shared:";

    public const string MarriageRegistrations = "marriage.registrations";
    public const string MarriageBothMainland = "marriage.registrations.bothMainland";
    public const string MarriageOneMainland = "marriage.registrations.oneMainland";
    public const string MarriageNoneMainland = "marriage.registrations.noneMainland";
    public const string MarriageCrossRegion = "marriage.registrations.crossRegion";
    public const string MarriageFirst = "marriage.registrations.firstMarriages";
    public const string MarriageRemarriages = "marriage.registrations.remarriages";
    public const string MarriageReunions = "marriage.registrations.reunions";
    public const string MarriagePriorStatusUnknown = "marriage.registrations.priorStatusUnknown";
    public const string DivorceApplications = "marriage.divorceApplications";
    public const string DivorceWithdrawn = "marriage.divorceApplications.withdrawn";
    public const string DivorceDeemedWithdrawn = "marriage.divorceApplications.deemedWithdrawn";
    public const string DivorcesByRegistration = "marriage.divorces.byRegistration";
    public const string DivorcesByCourt = "marriage.divorces.byCourt";
    public const string ReplacementCertificates = "marriage.replacementCertificates";
    public const string RecordExtracts = "marriage.recordExtracts";
    public const string ArchiveRecords = "marriage.archiveRecords";

    public const string RegisteredSocialAssociations = "organizations.registered.socialAssociation";
    public const string RegisteredPrivateNonEnterprise = "organizations.registered.privateNonEnterprise";
    public const string RegisteredFoundations = "organizations.registered.foundation";
    public const string Deregistered = "organizations.deregistered";
    public const string Revoked = "organizations.revoked";
    public const string ReportsDue = "organizations.annualReports.due";
    public const string ReportsDueInspected = "organizations.annualReports.dueInspected";
    public const string ReportsFiled = "organizations.annualReports.filed";
    public const string ReportsFiledLate = "organizations.annualReports.filedLate";
    public const string ReportsNotFiled = "organizations.annualReports.notFiledByDeadline";
    public const string InspectionsPass = "organizations.inspections.pass";
    public const string InspectionsBasicPass = "organizations.inspections.basicPass";
    public const string InspectionsFail = "organizations.inspections.fail";
    public const string InspectionRate = "organizations.inspections.rate";
    public const string AbnormalEntered = "organizations.abnormalList.entered";
    public const string AbnormalRemoved = "organizations.abnormalList.removed";
    public const string DishonestEntered = "organizations.seriousDishonestyList.entered";
    public const string DishonestRemoved = "organizations.seriousDishonestyList.removed";

    public const string PlacesProposed = "places.proposed";
    public const string PlacesApproved = "places.approved";
    public const string PlacesAnnounced = "places.announced";
    public const string PlacesRenamed = "places.renamed";
    public const string PlacesAbolished = "places.abolished";
    public const string RoadsNamed = "places.roadsNamed";
    public const string HouseNumbersAssigned = "places.houseNumbersAssigned";
    public const string PlateCertificates = "places.plateCertificates";

    public const string Lines = "boundaries.lines";
    public const string Markers = "boundaries.markers";
    public const string InspectionsCompleted = "boundaries.inspectionsCompleted";
    public const string RepairsOpened = "boundaries.repairsOpened";
    public const string RepairsCompleted = "boundaries.repairsCompleted";
    public const string LinesOverdue = "boundaries.linesOverdue";
    public const string LinesNeverInspected = "boundaries.linesNeverInspected";

    /// <summary>The figure key of grades in force of <paramref name="grade"/> (1-5, i.e. 1A-5A).</summary>
    public static string GradeInForce(int grade) => $"organizations.gradesInForce.{grade}A";

    /// <summary>The figure key of plates or signs set of one kind (building, door, unit, roadSign, laneSign).</summary>
    public static string PlatesSet(string kind) => $"places.platesSet.{kind}";

    /// <summary>Every figure, in report order.</summary>
    public static IReadOnlyList<StatisticsFigure> All { get; } =
    [
        new(MarriageRegistrations, Marriage, "结婚登记", StatisticsMeasure.Period),
        new(MarriageBothMainland, Marriage, "结婚登记：双方内地居民", StatisticsMeasure.Period),
        new(MarriageOneMainland, Marriage, "结婚登记：一方内地居民", StatisticsMeasure.Period),
        new(MarriageNoneMainland, Marriage, "结婚登记：双方非内地居民", StatisticsMeasure.Period),
        new(MarriageCrossRegion, Marriage, "结婚登记：跨省市", StatisticsMeasure.Period),
        new(MarriageFirst, Marriage, "结婚登记：初婚（人）", StatisticsMeasure.Period),
        new(MarriageRemarriages, Marriage, "结婚登记：再婚（人）", StatisticsMeasure.Period),
        new(MarriageReunions, Marriage, "结婚登记：再婚中复婚（人）", StatisticsMeasure.Period),
        new(MarriagePriorStatusUnknown, Marriage, "结婚登记：婚前状况未记录（人）", StatisticsMeasure.Period),
        new(DivorceApplications, Marriage, "离婚登记申请", StatisticsMeasure.Period),
        new(DivorceWithdrawn, Marriage, "撤回离婚登记申请", StatisticsMeasure.Period),
        new(DivorceDeemedWithdrawn, Marriage, "视为撤回离婚登记申请", StatisticsMeasure.Period),
        new(DivorcesByRegistration, Marriage, "登记离婚", StatisticsMeasure.Period),
        new(DivorcesByCourt, Marriage, "法院判决或调解离婚", StatisticsMeasure.Period),
        new(ReplacementCertificates, Marriage, "补领婚姻登记证", StatisticsMeasure.Period),
        new(RecordExtracts, Marriage, "出具婚姻登记记录证明", StatisticsMeasure.Period),
        new(ArchiveRecords, Marriage, "补录历史婚姻档案", StatisticsMeasure.Period),

        new(RegisteredSocialAssociations, Organizations, "登记社会团体", StatisticsMeasure.Period),
        new(RegisteredPrivateNonEnterprise, Organizations, "登记民办非企业单位", StatisticsMeasure.Period),
        new(RegisteredFoundations, Organizations, "登记基金会", StatisticsMeasure.Period),
        new(Deregistered, Organizations, "注销登记", StatisticsMeasure.Period),
        new(Revoked, Organizations, "撤销登记", StatisticsMeasure.Period),
        new(ReportsDue, Organizations, "应报年度工作报告", StatisticsMeasure.Period),
        new(ReportsFiled, Organizations, "报送年度工作报告", StatisticsMeasure.Period),
        new(ReportsFiledLate, Organizations, "逾期报送年度工作报告", StatisticsMeasure.Period),
        new(ReportsNotFiled, Organizations, "逾期未报年度工作报告", StatisticsMeasure.Period),
        new(InspectionsPass, Organizations, "年检合格", StatisticsMeasure.Period),
        new(InspectionsBasicPass, Organizations, "年检基本合格", StatisticsMeasure.Period),
        new(InspectionsFail, Organizations, "年检不合格", StatisticsMeasure.Period),
        new(ReportsDueInspected, Organizations, "应报年度工作报告中已年检", StatisticsMeasure.Period),
        new(InspectionRate, Organizations, "年检率（%）", StatisticsMeasure.Ratio,
            Numerator: ReportsDueInspected, Denominator: ReportsDue),
        new(AbnormalEntered, Organizations, "列入活动异常名录", StatisticsMeasure.Period),
        new(AbnormalRemoved, Organizations, "移出活动异常名录", StatisticsMeasure.Period),
        new(DishonestEntered, Organizations, "列入严重违法失信名单", StatisticsMeasure.Period),
        new(DishonestRemoved, Organizations, "移出严重违法失信名单", StatisticsMeasure.Period),
        new(GradeInForce(1), Organizations, "期末有效等级：1A", StatisticsMeasure.AsOfEnd),
        new(GradeInForce(2), Organizations, "期末有效等级：2A", StatisticsMeasure.AsOfEnd),
        new(GradeInForce(3), Organizations, "期末有效等级：3A", StatisticsMeasure.AsOfEnd),
        new(GradeInForce(4), Organizations, "期末有效等级：4A", StatisticsMeasure.AsOfEnd),
        new(GradeInForce(5), Organizations, "期末有效等级：5A", StatisticsMeasure.AsOfEnd),

        new(PlacesProposed, Places, "地名命名申报", StatisticsMeasure.Period),
        new(PlacesApproved, Places, "地名批准命名", StatisticsMeasure.Period),
        new(PlacesAnnounced, Places, "地名公告", StatisticsMeasure.Period),
        new(PlacesRenamed, Places, "地名更名", StatisticsMeasure.Period),
        new(PlacesAbolished, Places, "地名销名", StatisticsMeasure.Period),
        new(RoadsNamed, Places, "道路命名", StatisticsMeasure.Period),
        new(HouseNumbersAssigned, Places, "编制门牌号", StatisticsMeasure.Period),
        new(PlatesSet("building"), Places, "设置楼牌", StatisticsMeasure.Period),
        new(PlatesSet("door"), Places, "设置门牌", StatisticsMeasure.Period),
        new(PlatesSet("unit"), Places, "设置单元牌", StatisticsMeasure.Period),
        new(PlatesSet("roadSign"), Places, "设置路牌", StatisticsMeasure.Period),
        new(PlatesSet("laneSign"), Places, "设置巷牌", StatisticsMeasure.Period),
        new(PlateCertificates, Places, "发放门牌证", StatisticsMeasure.Period),

        new(Lines, Boundaries, "期末界线", StatisticsMeasure.AsOfEnd),
        new(Markers, Boundaries, "期末界桩", StatisticsMeasure.AsOfEnd),
        new(InspectionsCompleted, Boundaries, "完成界线联合检查", StatisticsMeasure.Period),
        new(RepairsOpened, Boundaries, "界桩维修立项", StatisticsMeasure.Period),
        new(RepairsCompleted, Boundaries, "界桩维修完成", StatisticsMeasure.Period),
        new(LinesOverdue, Boundaries, "期末逾期未检界线", StatisticsMeasure.AsOfEnd),
        new(LinesNeverInspected, Boundaries, "期末从未检查界线", StatisticsMeasure.AsOfEnd),
    ];
}
