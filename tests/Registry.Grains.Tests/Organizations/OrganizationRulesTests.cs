using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;

namespace Registry.Grains.Tests.Organizations;

public sealed class OrganizationRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static RegisterOrganization Registration(string? uscc = null, OrganizationKind kind = OrganizationKind.PrivateNonEnterprise,
        string? legacyReason = null)
    {
        var office = TestCodes.County(60);
        return new RegisterOrganization(uscc ?? TestCodes.Uscc(kind, office), "阳光社会工作服务中心", kind, office, "民政局",
            "李四", "幸福路2号", "社会工作服务", 30_000m, new DateOnly(2020, 5, 4), legacyReason);
    }

    [Fact]
    public void CheckRegistration_ValidCode_IsNotLegacy()
    {
        Assert.False(OrganizationRules.CheckRegistration(Registration(), Today));
    }

    [Fact]
    public void CheckRegistration_WrongCheckCharacter_IsRefusedNamingTheExpectedOne()
    {
        var valid = TestCodes.Uscc(OrganizationKind.PrivateNonEnterprise, TestCodes.County(60));
        var wrong = TestCodes.WithWrongChecks(valid).First();

        var error = Assert.Throws<DomainException>(() => OrganizationRules.CheckRegistration(Registration(wrong), Today));

        Assert.Equal((DomainErrorKind.Invalid, "uscc-check-character", "uscc"), (error.Kind, error.Rule, error.Field));
        Assert.Contains($"should be {valid[17]}", error.Message);
    }

    [Fact]
    public void CheckRegistration_LegacyOverride_AcceptsACodeFailingOnlyItsCheckCharacter()
    {
        var valid = TestCodes.Uscc(OrganizationKind.PrivateNonEnterprise, TestCodes.County(60));
        var legacy = TestCodes.WithWrongChecks(valid).Last();

        Assert.True(OrganizationRules.CheckRegistration(Registration(legacy, legacyReason: "1998年颁发的证书号"), Today));
    }

    [Fact]
    public void CheckRegistration_LegacyOverrideOnAValidCode_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() =>
            OrganizationRules.CheckRegistration(Registration(legacyReason: "不需要"), Today));

        Assert.Equal("legacy-override-unneeded", error.Rule);
    }

    [Fact]
    public void CheckRegistration_LegacyOverrideWithoutAReason_IsRefused()
    {
        var legacy = TestCodes.WithWrongChecks(TestCodes.Uscc(OrganizationKind.PrivateNonEnterprise, TestCodes.County(60))).First();

        var error = Assert.Throws<DomainException>(() =>
            OrganizationRules.CheckRegistration(Registration(legacy, legacyReason: " "), Today));

        Assert.Equal(("field-required", "legacyCodeOverride.reason"), (error.Rule, error.Field));
    }

    [Fact]
    public void CheckRegistration_LegacyOverride_DoesNotExcuseAWrongKindDigit()
    {
        var other = TestCodes.Uscc(OrganizationKind.Foundation, TestCodes.County(60));
        var wrongKindAndCheck = TestCodes.WithWrongChecks(other).First();

        var error = Assert.Throws<DomainException>(() => OrganizationRules.CheckRegistration(
            Registration(wrongKindAndCheck, OrganizationKind.PrivateNonEnterprise, "旧证"), Today));

        Assert.Equal("uscc-kind-mismatch", error.Rule);
    }

    [Fact]
    public void CheckRegistration_NotCivilAffairs_IsRefused()
    {
        var business = TestCodes.WithCheck(TestCodes.Replace(TestCodes.Uscc(OrganizationKind.Foundation, TestCodes.County(9)), 0, '9'));

        Assert.Equal("uscc-registration-authority", Assert.Throws<DomainException>(() =>
            OrganizationRules.CheckRegistration(Registration(business, OrganizationKind.Foundation), Today)).Rule);
    }

    [Fact]
    public void CheckRegistration_FoundedAfterToday_IsRefused()
    {
        var error = Assert.Throws<DomainException>(() =>
            OrganizationRules.CheckRegistration(Registration() with { FoundedOn = Today.AddDays(1) }, Today));

        Assert.Equal(("founded-on-future", "foundedOn"), (error.Rule, error.Field));
    }

    [Fact]
    public void CheckRegistration_NegativeCapital_NineDigitOffice_LongName_AreRefused()
    {
        Assert.Equal("value-out-of-range", Assert.Throws<DomainException>(() =>
            OrganizationRules.CheckRegistration(Registration() with { RegisteredCapital = -1m }, Today)).Rule);
        var township = ReferenceDivisions.CountyWithTownships(3).Children[0].Code;
        Assert.Equal("division-code-format", Assert.Throws<DomainException>(() =>
            OrganizationRules.CheckRegistration(Registration() with { RegisteringOffice = township }, Today)).Rule);
        Assert.Equal("text-too-long", Assert.Throws<DomainException>(() =>
            OrganizationRules.CheckRegistration(Registration() with { Name = new string('会', 101) }, Today)).Rule);
    }

    [Fact]
    public void CheckRegistration_NameWithAnUnpairedSurrogate_IsRefusedBeforeNormalisation()
    {
        var error = Assert.Throws<DomainException>(() =>
            OrganizationRules.CheckRegistration(Registration() with { Name = "协会\ud800" }, Today));

        Assert.Equal(("text-malformed", "name"), (error.Rule, error.Field));
        Assert.True(OrganizationRules.IsWellFormedText("协会😀"));
    }

    [Fact]
    public void CheckChange_NothingDiffers_IsRefused_OtherwiseListsEachChangedField()
    {
        var state = CycleTestData.Registered(Today);

        Assert.Equal("organization-unchanged", Assert.Throws<DomainException>(() =>
            OrganizationRules.CheckChange(state, new ChangeOrganization(state.Name, null, " " + state.Address, null, "why"))).Rule);

        var changes = OrganizationRules.CheckChange(state,
            new ChangeOrganization(state.Name + "（更名）", "王五", null, null, "会员大会决议"));
        Assert.Equal([new FieldChange("name", state.Name, state.Name + "（更名）"), new FieldChange("legalRepresentative", "张三", "王五")],
            changes);
    }

    [Theory]
    [InlineData("北京　市 Ｓｕｎ 协会", "北京市SUN协会")]
    [InlineData("ａｂｃ", "ABC")]
    public void Normalize_FoldsWidthCaseAndWhiteSpace(string name, string expected)
    {
        Assert.Equal(expected, OrganizationNames.Normalize(name));
    }
}
