using Registry.Abstractions.Organizations;

namespace Registry.Grains.Tests.Organizations;

public sealed class UnifiedSocialCreditCodeTests
{
    public static TheoryData<OrganizationKind> Kinds => new(Enum.GetValues<OrganizationKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void CheckCharacter_CodesFromRealDivisions_MatchesTheStandardsComputation(OrganizationKind kind)
    {
        for (var i = 0; i < 500; i++)
        {
            var code = TestCodes.Uscc(kind, TestCodes.County(i * 7), i * 7919);

            Assert.Equal(TestCodes.Check(code[..17]), UnifiedSocialCreditCode.CheckCharacter(code.AsSpan(0, 17)));
            Assert.Empty(UnifiedSocialCreditCode.Inspect(code, kind));
        }
    }

    [Fact]
    public void CheckCharacter_WeightedSumDivisibleBy31_IsZeroNotAnIndexPastTheSet()
    {
        var first17 = Enumerable.Range(0, 10_000)
            .Select(n => "5" + '1' + TestCodes.County(n) + TestCodes.OrganizationCode(n))
            .First(candidate => TestCodes.SumMod31(candidate) == 0);

        Assert.Equal('0', UnifiedSocialCreditCode.CheckCharacter(first17));
        Assert.Empty(UnifiedSocialCreditCode.Inspect(first17 + '0', OrganizationKind.SocialAssociation));
    }

    [Fact]
    public void Inspect_EveryWrongCheckCharacter_IsACheckCharacterDefectOnly()
    {
        var valid = TestCodes.Uscc(OrganizationKind.Foundation, TestCodes.County(3));

        Assert.All(TestCodes.WithWrongChecks(valid), code =>
            Assert.Equal([UsccDefect.CheckCharacter], UnifiedSocialCreditCode.Inspect(code, OrganizationKind.Foundation)));
    }

    [Fact]
    public void Inspect_AnySingleCharacterChangedInPositions1To17_IsDetected()
    {
        var valid = TestCodes.Uscc(OrganizationKind.SocialAssociation, TestCodes.County(11));

        for (var position = 0; position < 17; position++)
        {
            foreach (var c in TestCodes.Characters.Where(c => c != valid[position]))
            {
                Assert.NotEmpty(UnifiedSocialCreditCode.Inspect(TestCodes.Replace(valid, position, c),
                    OrganizationKind.SocialAssociation));
            }
        }
    }

    [Fact]
    public void Inspect_AuthorityOtherThanCivilAffairs_IsARegistrationAuthorityDefect()
    {
        var valid = TestCodes.Uscc(OrganizationKind.SocialAssociation, TestCodes.County(5));
        var business = TestCodes.WithCheck(TestCodes.Replace(valid, 0, '9'));

        Assert.Equal([UsccDefect.RegistrationAuthority],
            UnifiedSocialCreditCode.Inspect(business, OrganizationKind.SocialAssociation));
    }

    [Theory]
    [InlineData(OrganizationKind.SocialAssociation, OrganizationKind.Foundation)]
    [InlineData(OrganizationKind.PrivateNonEnterprise, OrganizationKind.SocialAssociation)]
    [InlineData(OrganizationKind.Foundation, OrganizationKind.PrivateNonEnterprise)]
    public void Inspect_TypeDigitOfAnotherKind_IsAKindMismatch(OrganizationKind codeKind, OrganizationKind declared)
    {
        var code = TestCodes.Uscc(codeKind, TestCodes.County(8));

        Assert.Equal([UsccDefect.KindMismatch], UnifiedSocialCreditCode.Inspect(code, declared));
    }

    [Fact]
    public void Inspect_TypeDigitNineOther_IsAMismatchForEveryCivilAffairsKind()
    {
        var other = TestCodes.WithCheck(TestCodes.Replace(TestCodes.Uscc(OrganizationKind.Foundation, TestCodes.County(2)), 1, '9'));

        Assert.All(Enum.GetValues<OrganizationKind>(), kind =>
            Assert.Equal([UsccDefect.KindMismatch], UnifiedSocialCreditCode.Inspect(other, kind)));
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    [InlineData('a')]
    [InlineData('-')]
    public void Inspect_CharacterOutsideTheSet_IsAFormatDefect(char outside)
    {
        var valid = TestCodes.Uscc(OrganizationKind.Foundation, TestCodes.County(4));

        Assert.Equal([UsccDefect.Format],
            UnifiedSocialCreditCode.Inspect(TestCodes.Replace(valid, 12, outside), OrganizationKind.Foundation));
    }

    [Fact]
    public void Inspect_WrongLength_IsAFormatDefect()
    {
        var valid = TestCodes.Uscc(OrganizationKind.Foundation, TestCodes.County(4));

        Assert.Equal([UsccDefect.Format], UnifiedSocialCreditCode.Inspect(valid[..17], OrganizationKind.Foundation));
        Assert.Equal([UsccDefect.Format], UnifiedSocialCreditCode.Inspect(valid + "0", OrganizationKind.Foundation));
        Assert.Equal([UsccDefect.Format], UnifiedSocialCreditCode.Inspect(null, OrganizationKind.Foundation));
    }

    [Fact]
    public void DivisionCodeOf_IsPositions3To8()
    {
        var county = TestCodes.County(21);

        Assert.Equal(county, UnifiedSocialCreditCode.DivisionCodeOf(TestCodes.Uscc(OrganizationKind.Foundation, county)));
    }
}
