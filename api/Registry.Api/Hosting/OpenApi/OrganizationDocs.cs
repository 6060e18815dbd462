using Registry.Abstractions.Organizations;
using Registry.Api.Contracts.Organizations;
using static Registry.Api.Hosting.OpenApi.ResourceDocs;

namespace Registry.Api.Hosting.OpenApi;

/// <summary>Social organizations (<c>/api/organizations</c>).</summary>
internal static class OrganizationDocs
{
    private static readonly string[] Code = ["uscc-format", "organization-not-found"];

    private static readonly string[] Content = ["value-out-of-range", "text-too-long", "text-malformed",
        "rectification-report-required"];

    public static ResourceDocs Table { get; } = new()
    {
        Operations = new Dictionary<string, OperationDoc>
        {
            ["Register"] = Op(
                "Registers a social organization under its Unified Social Credit Code, checked per GB 32100-2015: " +
                "characters, check character, authority 5 (civil affairs), the kind's type digit, positions 3-8 the " +
                "registering office, a division in force today in the division history; a legacy code failing only its check character is accepted with an audited " +
                "legacyCodeOverride. The name must be unique among the office's active organizations. 201.",
                "uscc-format", "uscc-check-character", "uscc-registration-authority", "uscc-kind-mismatch",
                "uscc-division-office-mismatch", "uscc-key-mismatch", "legacy-override-unneeded", "division-code-format",
                "registering-office-unknown", "registering-office-not-in-force", "founded-on-future", "date-format", "value-out-of-range",
                "text-too-long", "text-malformed", "organization-already-registered", "organization-name-taken"),
            ["ImposePenalty"] = Op("Records an administrative penalty (warning, fine, confiscation, suspension of " +
                "activities, revocation of registration) with decision number, date and authority; published. " +
                "Revocation ends the organization like deregistration.",
                "field-required", "date-format", "organization-not-found", "penalty-decision-repeated",
                "penalty-date", "penalty-amount", "penalty-period"),
            ["ListAsSeriouslyDishonest"] = Op("Lists an organization as seriously dishonest by decision, on a ground " +
                "of the 2018 measures; grounds resting on penalties need those penalties on record.",
                "field-required", "date-format", "organization-not-found", "dishonest-ground",
                "dishonest-ground-unsupported", "already-listed"),
            ["Search"] = Op("Searches organizations by name fragment, code (uscc), legal representative, kind, " +
                "registering office with the offices below it (a province's or prefecture's code covers its " +
                "counties) and status, a page at a time; filters combine. A parameter the resource does not know is " +
                "a 400 naming it (unknown-query-parameter), never silently ignored. Values are the API's kebab-case " +
                "terms or their Chinese names, as the register import takes them (kind: 社会团体, 民办非企业单位, " +
                "社会服务机构, 基金会; status: 正常, 已注销, 已撤销). Public; financial figures are never listed.",
                "unknown-query-parameter", "query-value", "paging-range", "division-code-format", "uscc-format"),
            ["RebuildOrganizationIndex"] = Op("Maintenance for the national administrator: every partition of the " +
                "search index builds its stored entries again from the organization records (a scan of them) and " +
                "the response gives the entry count. The index never needs this to start: it keeps its own stored " +
                "entries and a checkpoint."),
            ["GetAbnormalList"] = Op("The abnormal-activity list (活动异常名录), newest listing first, a page at a " +
                "time; page and pageSize are its only parameters (another is a 400 naming it). Public.",
                "unknown-query-parameter", "paging-range"),
            ["GetDishonestList"] = Op("The serious-dishonesty list (严重违法失信名单), newest listing first, a page at " +
                "a time; page and pageSize are its only parameters (another is a 400 naming it). Public.",
                "unknown-query-parameter", "paging-range"),
            ["GetOrganization"] = Op("An organization's public record: name, kind, office, legal representative, " +
                "status, listings and grade (no financial figures). Public.", Code),
            ["GetOrganizationHistory"] = Op("Every change, listing and decision with date, who and why. Only the " +
                "organization itself (token claim `uscc`) or a registrar.", [.. Code, "organization-acts-for-itself"]),
            ["Change"] = Op("Changes the name, legal representative, address or business scope; each change is " +
                "recorded with its reason.", [.. Code, "organization-deregistered", "organization-unchanged",
                    "organization-name-taken", "text-too-long", "text-malformed"]),
            ["Deregister"] = Op("Deregisters the organization (注销); the record stays.",
                [.. Code, "organization-deregistered", "text-too-long"]),
            ["FileAnnualReport"] = Op("Files the annual report of a year inside the registering office's window " +
                "(by default January 1 to May 31 of the following year; a late report needs lateFilingReason). " +
                "Only the organization itself or a registrar.", [.. Code, .. Content, "organization-acts-for-itself",
                    "organization-deregistered", "annual-report-window", "annual-report-already-filed",
                    "annual-report-year-before-founding"]),
            ["GetAnnualReport"] = Op("A report year with every version and its figures. Only the organization " +
                "itself or a registrar.", [.. Code, "value-out-of-range", "organization-acts-for-itself",
                    "annual-report-not-found"]),
            ["CorrectAnnualReport"] = Op("Files a corrected version of a year's report (the earlier versions " +
                "stay); refused once the report was inspected.", [.. Code, .. Content, "organization-acts-for-itself",
                    "annual-report-not-found", "annual-report-inspected"]),
            ["RecordInspection"] = Op("Records the annual inspection's outcome (pass, basic-pass, fail) of a " +
                "filed report.", [.. Code, "value-out-of-range", "annual-report-not-found", "inspection-before-report",
                    "inspection-already-recorded"]),
            ["ListAsAbnormal"] = Op("Lists the organization as abnormal because it cannot be reached at its " +
                "registered address (the only ground recorded by hand; the others are applied by deadlines).",
                [.. Code, "listing-ground", "already-listed-unreachable", "organization-deregistered",
                    "text-too-long"]),
            ["RemoveFromList"] = Op("Removes a listing (abnormal or serious dishonesty) with a ground; the " +
                "serious-dishonesty list only after its minimum period.", [.. Code, "listing-ground", "not-on-list",
                    "abnormal-obligation-unmet", "serious-list-removal-too-early", "abnormal-listing-outstanding"]),
            ["ImportRegister"] = Op("Enters the existing register (national office only) from a CSV body " +
                "(`text/csv`, UTF-8): a header line naming the columns code, name, kind, office, registeredOn, " +
                "legalRepresentative, status, grade (any order; gradeEvaluatedOn besides where the register has " +
                "it), then one organization per line. kind and status " +
                "take the API's values or their Chinese names (社会团体, 民办非企业单位, 社会服务机构, 基金会; 正常, " +
                "已注销, 已撤销); grade is empty or 1A-5A. Each row passes the registration rules, with positions 3-8 " +
                "of the code naming the office and the office a division in force on registeredOn in the division " +
                "history; an imported grade runs five years from its gradeEvaluatedOn (not before registeredOn, not " +
                "after today, only with a grade: grade-date), or from the import where the row gives none. The body " +
                "is stored as it arrives and " +
                "its header checked (a missing column is a 400 and no job), then the import runs as a job: 202 " +
                "with the job and its address (Location) at once; GET it for the rows read, imported, already " +
                "stored and rejected so far. Rows are stored as they come (up to 32 at a time); a refused row is " +
                "reported with its line and rule, and the others are stored. Re-running a file stores nothing twice " +
                "(alreadyStored). wait=true answers 200 with the finished job instead; a 503 then stops it, and a " +
                "re-run continues. The rules below are those of the rejection report's rows.",
                "import-columns", "import-row-malformed", "import-duplicate-code", "uscc-format",
                "uscc-check-character", "uscc-registration-authority", "uscc-kind-mismatch",
                "uscc-division-office-mismatch", "division-code-format", "registering-office-unknown",
                "registering-office-not-in-force", "registered-on-future", "date-format", "value-out-of-range",
                "grade-format", "grade-date", "grade-requires-active-organization", "text-too-long", "text-malformed",
                "text-forbidden-character", "person-name-format", "organization-already-registered",
                "organization-name-taken"),
            ["SaveAnnualReportDraft"] = Op("Saves (or replaces) the draft of the year's report, by the " +
                "organization itself or its registrar: the body is a filing body as far as it is filled in, kept " +
                "unchecked (not public, not in the history) until submitted. Refused once the year's report is " +
                "filed. 200 with the draft and its revision.",
                [.. Code, "annual-report-draft-year", "annual-report-already-filed", "text-too-long",
                    "organization-deregistered", "organization-revoked", "value-out-of-range", "organization-acts-for-itself"]),
            ["GetRegisterImport"] = Op("An import of the register, while it runs and after (organization " +
                "registrars): status (running, completed, failed: a failure outside the rows, re-run the file; " +
                "interrupted: its process ended without finishing, re-run the file to resume), rows read, imported, already stored and rejected so far, refusals by rule and the first 100 rejected rows; " +
                "rejectionReport is the address of the whole report.", "import-not-found"),
            ["GetRegisterImportRejections"] = Op("An import's rejection report as a CSV file Excel opens as it is " +
                "(UTF-8 with BOM, CRLF, quoted): 行号 (the row's line, the header being line 1), 统一社会信用代码, " +
                "规则 (the rule, as problem responses name it), 字段, 说明; the first 10,000 refused rows in line " +
                "order (the job counts them all). Organization registrars.", "import-not-found"),
            ["GetAnnualReportDraft"] = Op("The saved draft of the year's report (the organization itself or its " +
                "registrar).", [.. Code, "annual-report-draft-not-found", "value-out-of-range", "organization-acts-for-itself"]),
            ["SubmitAnnualReportDraft"] = Op("Files the saved draft as the year's report, checked exactly as a " +
                "filing (a field still missing is a 400 naming it; the window and the accounting identities are " +
                "422s naming them); the draft is removed when the report is stored. 201 with the report.",
                [.. Code, "annual-report-draft-not-found", "field-required", "annual-report-window",
                    "annual-report-already-filed", "annual-report-year-before-founding", "value-out-of-range",
                    "organization-acts-for-itself", .. Content]),
            ["EvaluateGrade"] = Op("Records the evaluation grade (评估等级, 1A to 5A) as the civil-affairs department " +
                "decided it: on `evaluatedOn` (default today; a decision entered days later keeps its own day), " +
                "under `decisionNumber` by `authority`, valid five years from that day. Refused before two full " +
                "years since registration (on the day of the decision), while another grade is in force or one " +
                "decided later is recorded, while listed, without a passed inspection or after a failed one.",
                [.. Code, "grade-format", "grade-date", "grade-in-force", "grade-out-of-order", "grade-too-early",
                    "grade-while-listed", "grade-without-inspection", "grade-after-failed-inspection",
                    "organization-deregistered", "text-too-long"]),
        },
        Parameters = new Dictionary<string, string>
        {
            ["uscc"] = "The organization's 18-character Unified Social Credit Code (GB 32100-2015).",
            ["legalRepresentative"] = "The legal representative's name or a part of it, as registered.",
            ["year"] = "The report year (the calendar year the report covers), e.g. 2025.",
            ["Search:name"] = "A fragment of the organization's name.",
            ["kind"] = "social-association, private-non-enterprise or foundation.",
            ["registeringOffice"] = "The registering office's 6-digit division code.",
            ["status"] = "active, deregistered or revoked.",
            ["ImportRegister:wait"] = "true: answer 200 with the finished job instead of 202 at once; false " +
                "(default).",
            ["GetRegisterImport:id"] = "The import's id, as answered by POST /api/organizations/imports.",
            ["GetRegisterImportRejections:id"] = "The import's id, as answered by POST /api/organizations/imports.",
            ["ImportRegister:source"] = "The register file's name, kept in each imported record's history with " +
                "the row's line (e.g. 省社会组织登记库2026年11月导出.csv).",
            ["page"] = "The page, from 1.",
            ["pageSize"] = "Results per page (from 1 to the documented maximum).",
        },
        Requests = new Dictionary<Type, RequestDoc>
        {
            [typeof(RegisterOrganizationRequest)] = Body(x => new RegisterOrganizationRequest(x.Uscc,
                    x.CountyName + "社区志愿服务协会", OrganizationKind.SocialAssociation, x.County,
                    x.CountyName + "民政局", "张伟", x.TownshipName + "1号", "志愿服务、社区互助", 30000m,
                    DateOnly.Parse(ExampleValues.Date(-3 * 365)), null),
                "uscc", "name", "kind", "registeringOffice", "legalRepresentative", "address", "businessScope",
                "registeredCapital", "foundedOn"),
            [typeof(ChangeOrganizationRequest)] = Body(x => new ChangeOrganizationRequest(null, "李娜", null, null,
                "理事会选举新任法定代表人"), "reason"),
            [typeof(DeregisterOrganizationRequest)] = Body(_ => new DeregisterOrganizationRequest("会员大会决议解散"),
                "reason"),
            [typeof(FileAnnualReportRequest)] = Body(_ => new FileAnnualReportRequest(DateTime.UtcNow.Year - 1,
                    "社区志愿服务48次", "社区邻里节", PartyOrganizationStatus.Joint, null, null, null, ExampleGovernance,
                    ExampleBalanceSheet, ExampleIncome, ExampleExpenses, ExampleWorkforce, ExampleProjects,
                    "审计报告〔2026〕第0215号", null, null),
                "year", "activities", "partyOrganization", "governance", "balanceSheet", "incomeBySource", "expenses",
                "workforce"),
            [typeof(CorrectAnnualReportRequest)] = Body(_ => new CorrectAnnualReportRequest("社区志愿服务52次",
                    "社区邻里节", PartyOrganizationStatus.Joint, null, "更正活动次数", null, ExampleGovernance,
                    ExampleBalanceSheet, ExampleIncome, ExampleExpenses, ExampleWorkforce, ExampleProjects,
                    "审计报告〔2026〕第0215号", null, null),
                "activities", "partyOrganization", "reason", "governance", "balanceSheet", "incomeBySource", "expenses",
                "workforce"),
            [typeof(PenaltyRequest)] = Body(x => new PenaltyRequest(PenaltyKind.Warning, x.CountyName + "民罚字〔2026〕1号",
                    DateOnly.Parse(ExampleValues.Date(-1)), x.CountyName + "民政局", "未按规定报送年度工作报告", null, null,
                    null),
                "kind", "decisionNumber", "decidedOn", "authority", "grounds"),
            [typeof(DishonestListingRequest)] = Body(x => new DishonestListingRequest(
                    DishonestyGrounds.SuspensionOfActivities, x.CountyName + "民信字〔2026〕1号",
                    DateOnly.Parse(ExampleValues.Date(-1)), x.CountyName + "民政局", "被责令停止活动"),
                "ground", "decisionNumber", "decidedOn", "authority", "reason"),
            [typeof(InspectionRequest)] = Body(_ => new InspectionRequest(InspectionOutcome.Pass, null), "outcome"),
            [typeof(AbnormalListingRequest)] = Body(_ => new AbnormalListingRequest(
                ListGrounds.UnreachableAtRegisteredAddress, "两次实地核查均无法联系"), "ground", "findings"),
            [typeof(ListRemovalRequest)] = Body(_ => new ListRemovalRequest(OrganizationList.Abnormal,
                "已在登记住所恢复联系"), "list", "ground"),
            [typeof(GradeRequest)] = Body(_ => new GradeRequest("3A", "年度评估", null, "东民社评〔2026〕3号",
                "北京市东城区民政局"), "grade"),
            [typeof(SubmitDraftRequest)] = Body(_ => new SubmitDraftRequest(null)),
            [typeof(AnnualReportDraftRequest)] = Body(_ => new AnnualReportDraftRequest("社区志愿服务48次（草稿）", null,
                PartyOrganizationStatus.Joint, null, null, null, ExampleGovernance, ExampleBalanceSheet, null, null,
                null, null, null, null, null)),
        },
        RawBodies = new Dictionary<string, Func<ExampleValues, object>>
        {
            ["ImportRegister"] = ExampleRegister,
        },
    };

    // The example file's row: the examples' county and its code, registered three years ago.
    private static string ExampleRegister(ExampleValues x) =>
        "code,name,kind,office,registeredOn,legalRepresentative,status,grade\n" +
        $"{x.Uscc},{x.CountyName}社区志愿服务协会,社会团体,{x.County},{ExampleValues.Date(-3 * 365)},张伟,正常,\n";

    // One report whose statements hold every accounting identity: assets 500,000 = liabilities 90,000 + net assets
    // 410,000 (100,000 restricted); income 256,000 and expenses 198,000 each the sum of their lines.
    private static readonly ReportGovernanceRequest ExampleGovernance = new(2, 1, null);

    private static readonly BalanceSheetRequest ExampleBalanceSheet = new(500000m, 90000m, 100000m, 310000m, 410000m,
        352000m);

    private static readonly IncomeBySourceRequest ExampleIncome = new(120000m, 60000m, 40000m, 30000m, 6000m, 0m,
        256000m);

    private static readonly ExpensesRequest ExampleExpenses = new(150000m, 30000m, 18000m, 0m, 198000m);

    private static readonly ReportWorkforceRequest ExampleWorkforce = new(4, 2, 35, 260, 14, 1, 0);

    private static readonly IReadOnlyList<ReportProjectRequest?> ExampleProjects = [new("社区邻里节", 80000m)];
}
