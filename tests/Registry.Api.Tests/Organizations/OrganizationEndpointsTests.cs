using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Runtime;
using Registry.Abstractions.Organizations;
using Registry.Grains.Tests;
using Registry.Grains.Tests.Organizations;

namespace Registry.Api.Tests.Organizations;

[Collection(OrganizationApiCollection.Name)]
public sealed class OrganizationEndpointsTests(OrganizationApiFixture fixture)
{
    private OrganizationApi Api => fixture.Api;

    private static string Uscc(Dictionary<string, object?> registration) => (string)registration["uscc"]!;

    private async Task AssertNotRegisteredAsync(string uscc) =>
        await Problems.AssertProblemAsync(await Api.Anonymous().GetAsync($"/api/organizations/{uscc}"),
            HttpStatusCode.NotFound, "organization-not-found");

    [Fact]
    public async Task Register_Valid_Is201WithLocationAndThePublicRecord()
    {
        var request = OrganizationApi.Registration(kind: "foundation");

        var response = await Api.Registrar().PostAsJsonAsync("/api/organizations", request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/organizations/{Uscc(request)}", response.Headers.Location?.OriginalString);
        var record = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{Uscc(request)}");
        Assert.Equal((string)request["name"]!, record.GetProperty("name").GetString());
        Assert.Equal("foundation", record.GetProperty("kind").GetString());
        Assert.Equal("active", record.GetProperty("status").GetString());
        Assert.Equal(Api.Today.ToString("yyyy-MM-dd"), record.GetProperty("registeredOn").GetString());
    }

    [Fact]
    public async Task Register_LowerCaseCode_IsStoredUpperCase()
    {
        var request = OrganizationApi.Registration();
        request["uscc"] = Uscc(request).ToLowerInvariant();

        var response = await Api.Registrar().PostAsJsonAsync("/api/organizations", request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var record = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{Uscc(request)}");
        Assert.Equal(Uscc(request).ToUpperInvariant(), record.GetProperty("uscc").GetString());
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized, "authentication-required")]
    [InlineData("registrar.marriage", HttpStatusCode.Forbidden, "role-required")]
    [InlineData("organization", HttpStatusCode.Forbidden, "role-required")]
    public async Task Register_WithoutTheOrganizationRegistrarRole_IsRefused(string? role, HttpStatusCode status, string rule)
    {
        var request = OrganizationApi.Registration();
        var client = role is null ? Api.Anonymous() : Api.WithRoles(role);

        await Problems.AssertProblemAsync(await client.PostAsJsonAsync("/api/organizations", request), status, rule);
        await AssertNotRegisteredAsync(Uscc(request));
    }

    [Fact]
    public async Task Register_WrongCheckCharacter_Is400NamingTheRuleAndStoresNothing()
    {
        var request = OrganizationApi.Registration();
        request["uscc"] = TestCodes.WithWrongChecks(Uscc(request)).First();

        var problem = await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync("/api/organizations", request),
            HttpStatusCode.BadRequest, "uscc-check-character");

        Assert.True(problem.GetProperty("errors").TryGetProperty("uscc", out _));
        await AssertNotRegisteredAsync(Uscc(request));
    }

    [Fact]
    public async Task Register_WrongKindDigit_Is400AndStoresNothing()
    {
        var request = OrganizationApi.Registration(kind: "private-non-enterprise");
        request["kind"] = "foundation";

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync("/api/organizations", request),
            HttpStatusCode.BadRequest, "uscc-kind-mismatch");
        await AssertNotRegisteredAsync(Uscc(request));
    }

    [Fact]
    public async Task Register_CodeNamingAnotherDivisionThanTheOffice_Is422AndStoresNothing()
    {
        var request = OrganizationApi.Registration();
        var office = (string)request["registeringOffice"]!;
        request["uscc"] = TestCodes.Uscc(OrganizationKind.SocialAssociation, TestCodes.Counties.First(code => code != office));

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync("/api/organizations", request),
            HttpStatusCode.UnprocessableEntity, "uscc-division-office-mismatch");
        await AssertNotRegisteredAsync(Uscc(request));
    }

    [Fact]
    public async Task Register_TodayUnderADivisionThatHasEnded_Is422AndStoresNothing()
    {
        var request = OrganizationApi.Registration(office: Registry.Grains.Tests.Divisions.EditionChanges.EndedCounties[0]);

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync("/api/organizations", request),
            HttpStatusCode.UnprocessableEntity, "registering-office-not-in-force");
        await AssertNotRegisteredAsync(Uscc(request));
    }

    [Fact]
    public async Task Register_NotACivilAffairsCode_Is400()
    {
        var request = OrganizationApi.Registration();
        request["uscc"] = TestCodes.WithCheck(TestCodes.Replace(Uscc(request), 0, '9'));

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync("/api/organizations", request),
            HttpStatusCode.BadRequest, "uscc-registration-authority");
        await AssertNotRegisteredAsync(Uscc(request));
    }

    [Fact]
    public async Task Register_CharactersOutsideTheCodeSet_Is400()
    {
        var request = OrganizationApi.Registration();
        request["uscc"] = TestCodes.Replace(Uscc(request), 10, 'I');

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync("/api/organizations", request),
            HttpStatusCode.BadRequest, "uscc-format");
    }

    [Fact]
    public async Task Register_MalformedCode_Is400WithoutActivatingARecordForIt()
    {
        var request = OrganizationApi.Registration();
        var code = "NOT-A-CODE-" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        request["uscc"] = code;

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync("/api/organizations", request),
            HttpStatusCode.BadRequest, "uscc-format");
        var activations = await Api.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        Assert.DoesNotContain(activations, a => a.GrainId.Key.ToString() == code);
    }

    [Fact]
    public async Task Register_UnknownRegisteringOffice_Is422AndStoresNothing()
    {
        var request = OrganizationApi.Registration(office: ReferenceDivisions.UnrecordedCountyCode());

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync("/api/organizations", request),
            HttpStatusCode.UnprocessableEntity, "registering-office-unknown");
        await AssertNotRegisteredAsync(Uscc(request));
    }

    [Fact]
    public async Task Register_MissingFields_Is400ListingEachField()
    {
        var problem = await Problems.AssertProblemAsync(
            await Api.Registrar().PostAsJsonAsync("/api/organizations", new { name = "只有名称" }),
            HttpStatusCode.BadRequest, "field-required");

        var errors = problem.GetProperty("errors");
        Assert.All(new[] { "uscc", "kind", "registeringOffice", "legalRepresentative", "address", "businessScope",
            "registeredCapital", "foundedOn" }, field => Assert.True(errors.TryGetProperty(field, out _), field));
    }

    [Fact]
    public async Task Register_UnknownKind_Is400MalformedJson()
    {
        var request = OrganizationApi.Registration();
        request["kind"] = "company";

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync("/api/organizations", request),
            HttpStatusCode.BadRequest, "malformed-json");
        await AssertNotRegisteredAsync(Uscc(request));
    }

    [Fact]
    public async Task Register_NameWithAnUnpairedSurrogate_Is400NotA500()
    {
        var request = OrganizationApi.Registration();
        var json = JsonSerializer.Serialize(request).Replace("\"name\":\"", "\"name\":\"\\ud800");

        var response = await Api.Registrar().PostAsync("/api/organizations",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains("\\ud800", json);
        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest, "malformed-json");
        await AssertNotRegisteredAsync(Uscc(request));
        Assert.Equal(HttpStatusCode.OK, (await Api.Anonymous().GetAsync("/api/organizations?name=%ED%A0%80")).StatusCode);
    }

    [Fact]
    public async Task Register_FoundedInTheFuture_Is400()
    {
        var request = OrganizationApi.Registration();
        request["foundedOn"] = Api.Today.AddDays(1).ToString("yyyy-MM-dd");

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync("/api/organizations", request),
            HttpStatusCode.BadRequest, "founded-on-future");
        await AssertNotRegisteredAsync(Uscc(request));
    }

    [Fact]
    public async Task Register_DuplicateNameInTheOffice_Is409AndStoresNothing()
    {
        var first = OrganizationApi.Registration();
        await Api.RegisterAsync(first);
        var second = OrganizationApi.Registration((string)first["registeringOffice"]!, name: (string)first["name"]!);

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync("/api/organizations", second),
            HttpStatusCode.Conflict, "organization-name-taken");
        await AssertNotRegisteredAsync(Uscc(second));
    }

    [Fact]
    public async Task Register_SameCodeTwice_Is409()
    {
        var request = OrganizationApi.Registration();
        await Api.RegisterAsync(request);
        request["name"] += "二";

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync("/api/organizations", request),
            HttpStatusCode.Conflict, "organization-already-registered");
    }

    [Fact]
    public async Task Register_LegacyCodeWithOverride_Is201AndTheReasonIsInTheHistory()
    {
        var request = OrganizationApi.Registration();
        request["uscc"] = TestCodes.WithWrongChecks(Uscc(request)).Last();
        request["legacyCodeOverride"] = new { reason = "2000年核发证书上的代码" };

        var uscc = await Api.RegisterAsync(request);

        Assert.True((await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{uscc}")).GetProperty("legacyCode").GetBoolean());
        var history = await Api.GetJsonAsync(Api.Registrar(), $"/api/organizations/{uscc}/history");
        var accepted = history.EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "legacy-code-accepted");
        Assert.Equal(("2000年核发证书上的代码", "registrar-chen"),
            (accepted.GetProperty("reason").GetString(), accepted.GetProperty("recordedBy").GetString()));
    }

    [Fact]
    public async Task Register_LegacyOverrideOnAValidCode_Is400()
    {
        var request = OrganizationApi.Registration();
        request["legacyCodeOverride"] = new { reason = "不需要" };

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync("/api/organizations", request),
            HttpStatusCode.BadRequest, "legacy-override-unneeded");
        await AssertNotRegisteredAsync(Uscc(request));
    }

    [Fact]
    public async Task GetOrganization_MalformedCode_Is400_UnknownCode_Is404()
    {
        await Problems.AssertProblemAsync(await Api.Anonymous().GetAsync("/api/organizations/not-a-code"),
            HttpStatusCode.BadRequest, "uscc-format");
        await AssertNotRegisteredAsync(TestCodes.Uscc(OrganizationKind.Foundation, TestCodes.County(2)));
    }

    [Fact]
    public async Task GetAnnualReport_YearNotANumber_Is400_NotFiled_Is404()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());

        await Problems.AssertProblemAsync(await Api.Registrar().GetAsync($"/api/organizations/{uscc}/annual-reports/last"),
            HttpStatusCode.BadRequest, "value-out-of-range");
        await Problems.AssertProblemAsync(await Api.Registrar().GetAsync(
            $"/api/organizations/{uscc}/annual-reports/{fixture.OpenReportYear}"), HttpStatusCode.NotFound, "annual-report-not-found");
    }

    [Fact]
    public async Task FileAnnualReport_ByTheOrganizationItself_Is201_AndThePublicRecordShowsNoFigures()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());

        var response = await Api.ForOrganization(uscc).PostAsJsonAsync($"/api/organizations/{uscc}/annual-reports",
            OrganizationApi.Report(fixture.OpenReportYear));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var version = report.GetProperty("versions")[0];
        Assert.Equal((1, 256000.50m, "organization", "org-" + uscc), (version.GetProperty("version").GetInt32(),
            version.GetProperty("income").GetDecimal(), version.GetProperty("filedAs").GetString(),
            version.GetProperty("filedBy").GetString()));
        var publicRecord = await Api.Anonymous().GetStringAsync($"/api/organizations/{uscc}");
        Assert.Contains($"\"year\":{fixture.OpenReportYear}", publicRecord);
        Assert.DoesNotContain("income", publicRecord, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("netAssets", publicRecord, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("256000", publicRecord);
    }

    [Fact]
    public async Task FileAnnualReport_ByAnotherOrganization_Is403AndChangesNothing()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());
        var other = await Api.RegisterAsync(OrganizationApi.Registration());

        var response = await Api.ForOrganization(other).PostAsJsonAsync($"/api/organizations/{uscc}/annual-reports",
            OrganizationApi.Report(fixture.OpenReportYear));

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden, "organization-acts-for-itself");
        var record = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{uscc}");
        Assert.Equal(0, record.GetProperty("annualReports").GetArrayLength());
        Assert.Equal(1, (await Api.GetJsonAsync(Api.Registrar(), $"/api/organizations/{uscc}/history")).GetArrayLength());
        await Problems.AssertProblemAsync(
            await Api.ForOrganization(other).GetAsync($"/api/organizations/{uscc}/history"),
            HttpStatusCode.Forbidden, "organization-acts-for-itself");
    }

    [Fact]
    public async Task GetAnnualReport_Anonymous_Is401_AnotherOrganization_Is403_ItselfAndRegistrar_See200()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());
        var other = await Api.RegisterAsync(OrganizationApi.Registration());
        await Api.ForOrganization(uscc).PostAsJsonAsync($"/api/organizations/{uscc}/annual-reports",
            OrganizationApi.Report(fixture.OpenReportYear));
        var path = $"/api/organizations/{uscc}/annual-reports/{fixture.OpenReportYear}";

        await Problems.AssertProblemAsync(await Api.Anonymous().GetAsync(path), HttpStatusCode.Unauthorized,
            "authentication-required");
        await Problems.AssertProblemAsync(await Api.ForOrganization(other).GetAsync(path), HttpStatusCode.Forbidden,
            "organization-acts-for-itself");
        Assert.Equal(HttpStatusCode.OK, (await Api.ForOrganization(uscc).GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Registrar().GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task FileAnnualReport_OutsideTheWindow_Is422AndStoresNothing()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());

        var response = await Api.ForOrganization(uscc).PostAsJsonAsync($"/api/organizations/{uscc}/annual-reports",
            OrganizationApi.Report(fixture.OpenReportYear + 1));

        await Problems.AssertProblemAsync(response, HttpStatusCode.UnprocessableEntity, "annual-report-window");
        Assert.Equal(0, (await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{uscc}"))
            .GetProperty("annualReports").GetArrayLength());
    }

    [Fact]
    public async Task FileAnnualReport_SecondForTheYear_Is409AndKeepsTheFirst()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());
        var path = $"/api/organizations/{uscc}/annual-reports";
        await Api.ForOrganization(uscc).PostAsJsonAsync(path, OrganizationApi.Report(fixture.OpenReportYear));
        var second = OrganizationApi.Report(fixture.OpenReportYear);
        second["activities"] = "另一份报告";
        OrganizationApi.Section(second, "incomeBySource")["total"] = 1;

        await Problems.AssertProblemAsync(await Api.ForOrganization(uscc).PostAsJsonAsync(path, second),
            HttpStatusCode.Conflict, "annual-report-already-filed");
        var report = await Api.GetJsonAsync(Api.Registrar(), $"{path}/{fixture.OpenReportYear}");
        Assert.Equal(256000.50m, report.GetProperty("versions").EnumerateArray().Single().GetProperty("income").GetDecimal());
    }

    [Fact]
    public async Task FileAnnualReport_MissingFiguresOrNegativeIncome_Is400()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());
        var path = $"/api/organizations/{uscc}/annual-reports";

        var problem = await Problems.AssertProblemAsync(await Api.ForOrganization(uscc).PostAsJsonAsync(path,
            new { year = fixture.OpenReportYear }), HttpStatusCode.BadRequest, "field-required");
        var negative = OrganizationApi.Report(fixture.OpenReportYear);
        OrganizationApi.Section(negative, "incomeBySource")["donations"] = -5;
        await Problems.AssertProblemAsync(await Api.ForOrganization(uscc).PostAsJsonAsync(path, negative),
            HttpStatusCode.BadRequest, "value-out-of-range");

        Assert.True(problem.GetProperty("errors").TryGetProperty("balanceSheet", out _));
    }

    [Fact]
    public async Task CorrectAnnualReport_BeforeInspection_IsANewVersion_AfterInspection_Is409()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());
        var year = fixture.OpenReportYear;
        await Api.ForOrganization(uscc).PostAsJsonAsync($"/api/organizations/{uscc}/annual-reports", OrganizationApi.Report(year));
        var correction = OrganizationApi.Report(year);
        correction.Remove("year");
        OrganizationApi.Section(correction, "expenses")["other"] = 1500;
        OrganizationApi.Section(correction, "expenses")["total"] = 199500;
        correction["reason"] = "审计调整";

        var corrected = await Api.ForOrganization(uscc).PostAsJsonAsync(
            $"/api/organizations/{uscc}/annual-reports/{year}/corrections", correction);
        var inspected = await Api.Registrar().PostAsJsonAsync(
            $"/api/organizations/{uscc}/annual-reports/{year}/inspection", new { outcome = "pass" });
        var late = await Api.ForOrganization(uscc).PostAsJsonAsync(
            $"/api/organizations/{uscc}/annual-reports/{year}/corrections", correction);

        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.Equal(HttpStatusCode.Created, inspected.StatusCode);
        await Problems.AssertProblemAsync(late, HttpStatusCode.Conflict, "annual-report-inspected");
        var versions = (await Api.GetJsonAsync(Api.Registrar(), $"/api/organizations/{uscc}/annual-reports/{year}"))
            .GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal([198000m, 199500m], versions.Select(v => v.GetProperty("expenditure").GetDecimal()));
        Assert.Equal("审计调整", versions[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task RecordInspection_BeforeAReport_Is422AndStoresNothing()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync(
                $"/api/organizations/{uscc}/annual-reports/{fixture.OpenReportYear}/inspection", new { outcome = "pass" }),
            HttpStatusCode.UnprocessableEntity, "inspection-before-report");
        Assert.Equal(1, (await Api.GetJsonAsync(Api.Registrar(), $"/api/organizations/{uscc}/history")).GetArrayLength());
    }

    [Fact]
    public async Task RecordInspection_BasicPassWithoutReasons_Is400_ByAnOrganization_Is403()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());
        var year = fixture.OpenReportYear;
        await Api.ForOrganization(uscc).PostAsJsonAsync($"/api/organizations/{uscc}/annual-reports", OrganizationApi.Report(year));
        var path = $"/api/organizations/{uscc}/annual-reports/{year}/inspection";

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync(path, new { outcome = "basic-pass" }),
            HttpStatusCode.BadRequest, "field-required");
        await Problems.AssertProblemAsync(await Api.ForOrganization(uscc).PostAsJsonAsync(path, new { outcome = "pass" }),
            HttpStatusCode.Forbidden, "role-required");
        var record = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{uscc}");
        Assert.Equal(JsonValueKind.Null, record.GetProperty("annualReports")[0].GetProperty("inspection").ValueKind);
    }

    [Fact]
    public async Task EnumAsAnUndefinedNumber_Is400AndStoresNothing()
    {
        // The JSON enum converter also reads numbers; a number naming no member must not be stored as a kind,
        // party-organization status or inspection outcome nobody defined.
        var office = TestCodes.AnyCounty();
        var registration = OrganizationApi.Registration(office: office,
            uscc: TestCodes.Uscc((OrganizationKind)9, office, TestCodes.NextSerial()));
        registration["kind"] = 9;
        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync("/api/organizations", registration),
            HttpStatusCode.BadRequest, "value-out-of-range");
        await AssertNotRegisteredAsync(Uscc(registration));

        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());
        var year = fixture.OpenReportYear;
        var report = OrganizationApi.Report(year);
        report["partyOrganization"] = 7;
        await Problems.AssertProblemAsync(await Api.ForOrganization(uscc).PostAsJsonAsync(
            $"/api/organizations/{uscc}/annual-reports", report), HttpStatusCode.BadRequest, "value-out-of-range");
        await Api.ForOrganization(uscc).PostAsJsonAsync($"/api/organizations/{uscc}/annual-reports",
            OrganizationApi.Report(year));
        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync(
                $"/api/organizations/{uscc}/annual-reports/{year}/inspection", new { outcome = 7, reasons = "?" }),
            HttpStatusCode.BadRequest, "value-out-of-range");
        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync(
                $"/api/organizations/{uscc}/list-removals", new { list = 5, ground = "?" }),
            HttpStatusCode.BadRequest, "value-out-of-range");

        var record = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{uscc}");
        Assert.Equal(JsonValueKind.Null, record.GetProperty("annualReports")[0].GetProperty("inspection").ValueKind);
        Assert.Equal(2, (await Api.GetJsonAsync(Api.Registrar(), $"/api/organizations/{uscc}/history")).GetArrayLength());
    }

    [Fact]
    public async Task EvaluateGrade_WhileListed_Is422_RegisteredToday_Is422TooEarly_AndStoresNothing()
    {
        var listed = await Api.RegisterAsync(OrganizationApi.Registration());
        var clean = await Api.RegisterAsync(OrganizationApi.Registration());
        var year = fixture.OpenReportYear;
        await Api.ForOrganization(listed).PostAsJsonAsync($"/api/organizations/{listed}/annual-reports", OrganizationApi.Report(year));
        await Api.Registrar().PostAsJsonAsync($"/api/organizations/{listed}/annual-reports/{year}/inspection",
            new { outcome = "fail", reasons = "财务管理混乱" });

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync($"/api/organizations/{listed}/grades",
            new { grade = "4A" }), HttpStatusCode.UnprocessableEntity, "grade-while-listed");
        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync($"/api/organizations/{clean}/grades",
            new { grade = "5a" }), HttpStatusCode.UnprocessableEntity, "grade-too-early");

        var listedRecord = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{listed}");
        Assert.Equal(JsonValueKind.Null, listedRecord.GetProperty("grade").ValueKind);
        Assert.Equal("abnormal", listedRecord.GetProperty("listEntries")[0].GetProperty("list").GetString());
        Assert.Equal(JsonValueKind.Null,
            (await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{clean}")).GetProperty("grade").ValueKind);
    }

    [Theory]
    [InlineData("6A")]
    [InlineData("AAAA")]
    public async Task EvaluateGrade_NotOneToFiveA_Is400(string grade)
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync($"/api/organizations/{uscc}/grades",
            new { grade }), HttpStatusCode.BadRequest, "grade-format");
    }

    [Fact]
    public async Task ChangeAndDeregister_KeepHistory_FreeTheName_AndTheRecordStaysReadable()
    {
        var request = OrganizationApi.Registration();
        var uscc = await Api.RegisterAsync(request);
        var newName = (string)request["name"]! + "（更名）";

        var changed = await Api.Registrar().PostAsJsonAsync($"/api/organizations/{uscc}/changes",
            new { name = newName, address = "新华路1号", reason = "理事会决议" });
        var unchanged = await Api.Registrar().PostAsJsonAsync($"/api/organizations/{uscc}/changes",
            new { address = "新华路1号", reason = "重复" });
        var deregistered = await Api.Registrar().PostAsJsonAsync($"/api/organizations/{uscc}/deregistration",
            new { reason = "注销登记决定书" });
        var again = await Api.Registrar().PostAsJsonAsync($"/api/organizations/{uscc}/deregistration",
            new { reason = "again" });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        await Problems.AssertProblemAsync(unchanged, HttpStatusCode.UnprocessableEntity, "organization-unchanged");
        Assert.Equal(HttpStatusCode.OK, deregistered.StatusCode);
        await Problems.AssertProblemAsync(again, HttpStatusCode.Conflict, "organization-deregistered");
        var record = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{uscc}");
        Assert.Equal(("deregistered", newName), (record.GetProperty("status").GetString(), record.GetProperty("name").GetString()));
        var history = (await Api.GetJsonAsync(Api.ForOrganization(uscc), $"/api/organizations/{uscc}/history")).EnumerateArray().ToList();
        Assert.Equal(["registered", "changed", "deregistered"], history.Select(e => e.GetProperty("kind").GetString()));
        Assert.Equal("理事会决议", history[1].GetProperty("reason").GetString());
        Assert.Equal(2, history[1].GetProperty("changes").GetArrayLength());
        var reuse = OrganizationApi.Registration((string)request["registeringOffice"]!, name: newName);
        Assert.Equal(HttpStatusCode.Created, (await Api.Registrar().PostAsJsonAsync("/api/organizations", reuse)).StatusCode);
    }

    [Fact]
    public async Task Search_ByNameFragmentKindAndStatus_IsPaged()
    {
        var token = $"检索{TestCodes.NextSerial()}";
        var office = TestCodes.AnyCounty();
        var codes = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            codes.Add(await Api.RegisterAsync(OrganizationApi.Registration(office,
                i < 3 ? "foundation" : "social-association", name: $"{token}基金{i}")));
        }

        var first = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations?name={token}&pageSize=5");
        var second = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations?name={token}&pageSize=5&page=2");
        var foundations = await Api.GetJsonAsync(Api.Anonymous(),
            $"/api/organizations?name={token}&kind=foundation&registeringOffice={office}&status=active");

        Assert.Equal((7, 5, 2), (first.GetProperty("total").GetInt32(), first.GetProperty("items").GetArrayLength(),
            second.GetProperty("items").GetArrayLength()));
        var names = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"{token}基金{i}"), names);
        Assert.Equal(codes.Take(3).Order(), foundations.GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("uscc").GetString()!).Order());
    }

    [Theory]
    [InlineData("pageSize=0", "paging-range")]
    [InlineData("pageSize=101", "paging-range")]
    [InlineData("page=0", "paging-range")]
    [InlineData("page=x", "paging-range")]
    [InlineData("page=1000&pageSize=100", "paging-range")]
    [InlineData("kind=company", "query-value")]
    [InlineData("status=gone", "query-value")]
    [InlineData("registeringOffice=12", "division-code-format")]
    public async Task Search_BadQuery_Is400(string query, string rule)
    {
        await Problems.AssertProblemAsync(await Api.Anonymous().GetAsync($"/api/organizations?{query}"),
            HttpStatusCode.BadRequest, rule);
    }

    [Fact]
    public async Task Lists_AreAnonymousAndPaged_TheAbnormalListShowsTheGround()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());
        var year = fixture.OpenReportYear;
        await Api.ForOrganization(uscc).PostAsJsonAsync($"/api/organizations/{uscc}/annual-reports", OrganizationApi.Report(year));
        await Api.Registrar().PostAsJsonAsync($"/api/organizations/{uscc}/annual-reports/{year}/inspection",
            new { outcome = "fail", reasons = "未开展活动" });

        var abnormal = await Api.GetJsonAsync(Api.Anonymous(), "/api/organizations/lists/abnormal?pageSize=100");
        var dishonest = await Api.GetJsonAsync(Api.Anonymous(), "/api/organizations/lists/dishonest");

        var item = abnormal.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("uscc").GetString() == uscc);
        Assert.Equal(Api.Today.ToString("yyyy-MM-dd"), item.GetProperty("listedSince").GetString());
        Assert.Equal(("annual-inspection-failed", year), (item.GetProperty("grounds")[0].GetProperty("ground").GetString(),
            item.GetProperty("grounds")[0].GetProperty("year").GetInt32()));
        Assert.DoesNotContain(dishonest.GetProperty("items").EnumerateArray(), e => e.GetProperty("uscc").GetString() == uscc);
        await Problems.AssertProblemAsync(await Api.Anonymous().GetAsync("/api/organizations/lists/abnormal?pageSize=500"),
            HttpStatusCode.BadRequest, "paging-range");
    }

    [Fact]
    public async Task ListRemoval_NotListed_Is422_ByAnOrganization_Is403()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync($"/api/organizations/{uscc}/list-removals",
            new { list = "abnormal", ground = "核实" }), HttpStatusCode.UnprocessableEntity, "not-on-list");
        await Problems.AssertProblemAsync(await Api.ForOrganization(uscc).PostAsJsonAsync($"/api/organizations/{uscc}/list-removals",
            new { list = "abnormal", ground = "核实" }), HttpStatusCode.Forbidden, "role-required");
    }

    [Fact]
    public async Task AbnormalListing_Unreachable_IsPublic_OnceAtATime_AndEndsWhenTheRegistrarVerifiesTheAddress()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());
        var path = $"/api/organizations/{uscc}/abnormal-listings";
        var finding = new { ground = "unreachable-at-registered-address", findings = "电话无人接听，信函退回" };

        var created = await Api.Registrar().PostAsJsonAsync(path, finding);
        var again = await Api.Registrar().PostAsJsonAsync(path, finding);
        var abnormal = await Api.GetJsonAsync(Api.Anonymous(), "/api/organizations/lists/abnormal?pageSize=100");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var entry = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("abnormal", "unreachable-at-registered-address", Api.Today.ToString("yyyy-MM-dd")),
            (entry.GetProperty("list").GetString(), entry.GetProperty("ground").GetString(),
                entry.GetProperty("listedOn").GetString()));
        await Problems.AssertProblemAsync(again, HttpStatusCode.Conflict, "already-listed-unreachable");
        var item = abnormal.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("uscc").GetString() == uscc);
        Assert.Equal("unreachable-at-registered-address", Assert.Single(item.GetProperty("grounds").EnumerateArray())
            .GetProperty("ground").GetString());

        var removed = await Api.Registrar().PostAsJsonAsync($"/api/organizations/{uscc}/list-removals",
            new { list = "abnormal", ground = "实地核查：已在注册地址恢复办公" });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.DoesNotContain((await Api.GetJsonAsync(Api.Anonymous(), "/api/organizations/lists/abnormal?pageSize=100"))
            .GetProperty("items").EnumerateArray(), e => e.GetProperty("uscc").GetString() == uscc);
        Assert.Equal(HttpStatusCode.Created, (await Api.Registrar().PostAsJsonAsync(path, finding)).StatusCode);
    }

    [Fact]
    public async Task AbnormalListing_OtherGroundMissingFindingsOrNotARegistrar_IsRefusedAndListsNothing()
    {
        var uscc = await Api.RegisterAsync(OrganizationApi.Registration());
        var path = $"/api/organizations/{uscc}/abnormal-listings";

        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync(path,
            new { ground = "annual-report-not-filed", findings = "未报送" }), HttpStatusCode.BadRequest, "listing-ground");
        await Problems.AssertProblemAsync(await Api.Registrar().PostAsJsonAsync(path,
            new { ground = "unreachable-at-registered-address" }), HttpStatusCode.BadRequest, "field-required");
        await Problems.AssertProblemAsync(await Api.ForOrganization(uscc).PostAsJsonAsync(path,
            new { ground = "unreachable-at-registered-address", findings = "x" }), HttpStatusCode.Forbidden, "role-required");
        await Problems.AssertProblemAsync(await Api.Anonymous().PostAsJsonAsync(path,
            new { ground = "unreachable-at-registered-address", findings = "x" }), HttpStatusCode.Unauthorized,
            "authentication-required");

        var record = await Api.GetJsonAsync(Api.Anonymous(), $"/api/organizations/{uscc}");
        Assert.Equal(0, record.GetProperty("listEntries").GetArrayLength());
    }
}
