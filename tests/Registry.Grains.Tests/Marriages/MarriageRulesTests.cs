using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Marriages;
using Registry.Grains.Tests.Persons;

namespace Registry.Grains.Tests.Marriages;

public sealed class MarriageRulesTests
{
    private static readonly DateOnly Today = TestPeople.Today;
    private static readonly string Office = TestPeople.CountyCodes[^1];

    private static RegisterMarriage Command(string a, string b, bool noSpouse = true, bool noKinship = true,
        bool bothPresent = true) =>
        new(Office, new MarriageParty(a, "甲", "中国"), new MarriageParty(b, "乙", "中国"), noSpouse, noKinship,
            bothPresent);

    private static string Violation(RegisterMarriage command)
    {
        var (a, b) = MarriageRules.ParseParties(command, Today);
        var error = Assert.Throws<DomainException>(() => MarriageRules.EnsureCanMarry(command, a, b, Today));
        Assert.Equal(DomainErrorKind.RuleViolation, error.Kind);
        return error.Rule;
    }

    [Fact]
    public void EnsureCanMarry_ManAndWomanOfAge_Passes()
    {
        var command = Command(TestPeople.Man(), TestPeople.Woman());
        var (a, b) = MarriageRules.ParseParties(command, Today);

        MarriageRules.EnsureCanMarry(command, a, b, Today);
    }

    [Fact]
    public void EnsureCanMarry_SamePerson_IsSamePerson()
    {
        var man = TestPeople.Man();

        Assert.Equal("same-person", Violation(Command(man, man)));
    }

    [Fact]
    public void EnsureCanMarry_TwoMenOrTwoWomen_IsNotOppositeSex()
    {
        Assert.Equal("parties-not-opposite-sex", Violation(Command(TestPeople.Man(), TestPeople.Man())));
        Assert.Equal("parties-not-opposite-sex", Violation(Command(TestPeople.Woman(), TestPeople.Woman())));
    }

    [Theory]
    [InlineData(Sex.Male, 22)]
    [InlineData(Sex.Female, 20)]
    public void EnsureCanMarry_DayBeforeTheLegalAge_IsUnderAgeAndOnTheBirthdayPasses(Sex sex, int legalAge)
    {
        var birthday = Today.AddYears(-legalAge);
        var young = TestPeople.Born(birthday.AddDays(1), sex);
        var justOfAge = TestPeople.Born(birthday, sex);
        var partner = sex == Sex.Male ? TestPeople.Woman() : TestPeople.Man();

        Assert.Equal("under-legal-age", Violation(Command(young, partner)));
        var command = Command(justOfAge, partner);
        var (a, b) = MarriageRules.ParseParties(command, Today);
        MarriageRules.EnsureCanMarry(command, a, b, Today);
    }

    [Fact]
    public void EnsureCanMarry_Woman21AndMan21_IsUnderAgeForTheMan()
    {
        var man = TestPeople.Born(Today.AddYears(-21), Sex.Male);
        var woman = TestPeople.Born(Today.AddYears(-21), Sex.Female);

        var (a, b) = MarriageRules.ParseParties(Command(woman, man), Today);
        var error = Assert.Throws<DomainException>(() =>
            MarriageRules.EnsureCanMarry(Command(woman, man), a, b, Today));
        Assert.Equal("under-legal-age", error.Rule);
        Assert.Contains("partyB", error.Message);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(false, false)]
    public void EnsureCanMarry_DeclarationMissing_IsDeclarationMissing(bool noSpouse, bool noKinship)
    {
        Assert.Equal("declaration-missing",
            Violation(Command(TestPeople.Man(), TestPeople.Woman(), noSpouse, noKinship)));
    }

    [Fact]
    public void EnsureCanMarry_NotBothPresent_IsBothPartiesMustAppear()
    {
        Assert.Equal("both-parties-must-appear",
            Violation(Command(TestPeople.Man(), TestPeople.Woman(), bothPresent: false)));
    }

    [Fact]
    public void ParseParties_CorruptedIdNumber_IsInvalidNamingTheField()
    {
        var woman = TestPeople.Woman();
        var corrupted = woman[..17] + "0123456789X".First(c => c != woman[17]);

        var error = Assert.Throws<DomainException>(() =>
            MarriageRules.ParseParties(Command(TestPeople.Man(), corrupted), Today));

        Assert.Equal(DomainErrorKind.Invalid, error.Kind);
        Assert.Equal("id-number-check-character", error.Rule);
        Assert.Equal("partyB.idNumber", error.Field);
    }

    [Fact]
    public void ParseParties_BlankName_IsFieldRequired()
    {
        var command = Command(TestPeople.Man(), TestPeople.Woman()) with
        {
            PartyA = new MarriageParty(TestPeople.Man(), " ", "中国"),
        };

        var error = Assert.Throws<DomainException>(() => MarriageRules.ParseParties(command, Today));

        Assert.Equal(("field-required", "partyA.name"), (error.Rule, error.Field));
    }

    private static MarriageParty Passport(string number, Sex? sex, DateOnly? birthDate) =>
        new(number, "Jane Roe", "美国")
        {
            DocumentType = IdentityDocumentType.Passport,
            Country = "USA",
            Sex = sex,
            BirthDate = birthDate,
        };

    [Fact]
    public void ParseParties_PassportWithoutSexOrBirthDate_IsFieldRequiredNamingIt()
    {
        var noSex = new RegisterMarriage(Office, new MarriageParty(TestPeople.Man(), "甲", "中国"),
            Passport("E1234567", null, Today.AddYears(-25)), true, true, true);
        var error = Assert.Throws<DomainException>(() => MarriageRules.ParseParties(noSex, Today));
        Assert.Equal(("field-required", "partyB.sex"), (error.Rule, error.Field));

        var noBirthDate = noSex with { PartyB = Passport("E1234567", Sex.Female, null) };
        error = Assert.Throws<DomainException>(() => MarriageRules.ParseParties(noBirthDate, Today));
        Assert.Equal(("field-required", "partyB.birthDate"), (error.Rule, error.Field));
    }

    [Fact]
    public void ParseParties_SexEnteredAgainstTheIdNumber_IsDocumentDataMismatch()
    {
        var command = Command(TestPeople.Man(), TestPeople.Woman()) with
        {
            PartyA = new MarriageParty(TestPeople.Man(), "甲", "中国") { Sex = Sex.Female },
        };

        var error = Assert.Throws<DomainException>(() => MarriageRules.ParseParties(command, Today));
        Assert.Equal(("document-data-mismatch", "partyA.sex"), (error.Rule, error.Field));
    }

    [Fact]
    public void EnsureCanMarry_PassportHolderUnderAge_IsUnderLegalAgeFromTheEnteredBirthDate()
    {
        var command = new RegisterMarriage(Office, new MarriageParty(TestPeople.Man(), "甲", "中国"),
            Passport("E1234567", Sex.Female, Today.AddYears(-20).AddDays(1)), true, true, true);
        Assert.Equal("under-legal-age", Violation(command));

        var ofAge = command with { PartyB = Passport("E1234567", Sex.Female, Today.AddYears(-20)) };
        var (a, b) = MarriageRules.ParseParties(ofAge, Today);
        MarriageRules.EnsureCanMarry(ofAge, a, b, Today);
    }

    [Fact]
    public void EnsureOfficeMayRegister_ForeignPartyAtAnUndesignatedOffice_IsOfficeNotDesignated()
    {
        var options = new MarriageOfficeOptions();
        var command = new RegisterMarriage(Office, new MarriageParty(TestPeople.Man(), "甲", "中国"),
            Passport("E1234567", Sex.Female, Today.AddYears(-25)), true, true, true);
        var (a, b) = MarriageRules.ParseParties(command, Today);

        var error = Assert.Throws<DomainException>(() =>
            MarriageRules.EnsureOfficeMayRegister(a, b, Office, options.IsDesignated(Office)));
        Assert.Equal("office-not-designated", error.Rule);

        var province = Office[..2] + "0000";
        MarriageRules.EnsureOfficeMayRegister(a, b, province, options.IsDesignated(province));
        options.DesignatedOffices.Add(Office);
        MarriageRules.EnsureOfficeMayRegister(a, b, Office, options.IsDesignated(Office));

        var mainland = MarriageRules.ParseParties(Command(TestPeople.Man(), TestPeople.Woman()), Today);
        MarriageRules.EnsureOfficeMayRegister(mainland.A, mainland.B, Office, designated: false);
    }

    [Fact]
    public void HoldOrder_IsTheOrdinalOrderOfTheDocumentKeys_WhicheverPartyComesFirst()
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());
        var expected = string.CompareOrdinal(man, woman) < 0 ? new[] { man, woman } : [woman, man];

        Assert.Equal(expected, MarriageRules.HoldOrder(man, woman));
        Assert.Equal(expected, MarriageRules.HoldOrder(woman, man));
    }

    [Fact]
    public void EnsureTwoPersons_DocumentsOfOnePersonRecord_AreRefusedAsTheSamePerson()
    {
        var (man, woman) = (TestPeople.Man(), TestPeople.Woman());

        MarriageRules.EnsureTwoPersons(man, woman);
        var error = Assert.Throws<DomainException>(() => MarriageRules.EnsureTwoPersons(man, man));

        Assert.Equal("same-person", error.Rule);
        Assert.Equal(DomainErrorKind.RuleViolation, error.Kind);
    }

    [Theory]
    [InlineData(IdentityDocumentType.ResidentId, IdentityDocumentType.ResidentId, true, false)]
    [InlineData(IdentityDocumentType.ResidentId, IdentityDocumentType.Passport, true, true)]
    [InlineData(IdentityDocumentType.ResidencePermit, IdentityDocumentType.ResidentId, true, true)]
    [InlineData(IdentityDocumentType.TaiwanTravelPermit, IdentityDocumentType.PermanentResidenceId, true, true)]
    [InlineData(IdentityDocumentType.ResidentId, IdentityDocumentType.Passport, false, false)]
    public void ProvinceMayServe_OnlyWhereDesignatedAndAPartyIsNotAMainlandResident(IdentityDocumentType a,
        IdentityDocumentType b, bool designated, bool expected) =>
        Assert.Equal(expected, MarriageRules.ProvinceMayServe(a, b, designated));
}
