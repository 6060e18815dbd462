using Registry.Abstractions.Errors;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Persons;

namespace Registry.Grains.Tests.Persons;

public sealed class MarriageRecordExtractsTests
{
    private static readonly string Me = TestPeople.Man();
    private static readonly DateTimeOffset At = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly On = new(2026, 11, 23);

    private static MarriageSummary Record(string id, string spouse, DateOnly on, MarriageStatus status,
        bool archive = false) =>
        new(id, status, TestPeople.CountyCodes[0], on, "J-" + id, Me, "我", spouse, "配偶" + id, null, null)
        {
            FromArchive = archive,
        };

    [Fact]
    public void Compose_NoRecords_StatesNoneAndSingle()
    {
        var extract = MarriageRecordExtracts.Compose("Z110101-2026-000001", [Me], [], "110101", At, On, "clerk");

        Assert.Equal((Me, MaritalStatus.Single, 0), (extract.IdNumber, extract.Status, extract.Records.Count));
        Assert.Equal(("110101", On, "clerk"), (extract.Office, extract.IssuedOn, extract.IssuedBy));
    }

    [Fact]
    public void Compose_DivorcedAndRemarried_ListsEveryRecordInOrderWithItsStatusAndArchiveMark()
    {
        var (first, second) = (TestPeople.Woman(), TestPeople.Woman());
        var linked = "passport:USA:E12345678";
        var records = new[]
        {
            Record("1", first, new DateOnly(2008, 5, 20), MarriageStatus.Divorced, archive: true),
            Record("2", second, new DateOnly(2020, 9, 9), MarriageStatus.InForce),
        };

        var extract = MarriageRecordExtracts.Compose("Z110101-2026-000002", [Me, linked], records, "110101", At,
            On, "clerk");

        Assert.Equal(MaritalStatus.Married, extract.Status);
        Assert.Equal([linked], extract.Documents);
        Assert.Equal(
            [("1", MarriageStatus.Divorced, first, true), ("2", MarriageStatus.InForce, second, false)],
            extract.Records.Select(r => (r.MarriageId, r.Status, r.SpouseIdNumber, r.FromArchive)));
    }

    [Fact]
    public void Compose_DivorcedPerson_IsIssuedUnlikeTheCertificateOfNoRecord()
    {
        var extract = MarriageRecordExtracts.Compose("Z110101-2026-000003", [Me],
            [Record("1", TestPeople.Woman(), new DateOnly(2010, 1, 1), MarriageStatus.DivorcedByCourt)], "110101",
            At, On, "clerk");

        Assert.Equal(MaritalStatus.Divorced, extract.Status);
        Assert.Single(extract.Records);
    }

    [Fact]
    public void EnsureCanIssue_WhileARegistrationIsInProgress_IsRegistrationInProgress()
    {
        MarriageRecordExtracts.EnsureCanIssue(false);

        var error = Assert.Throws<DomainException>(() => MarriageRecordExtracts.EnsureCanIssue(true));

        Assert.Equal((DomainErrorKind.Conflict, "registration-in-progress"), (error.Kind, error.Rule));
    }

    [Theory]
    [InlineData("Z110101-2026-000001", true)]
    [InlineData("J110101-2026-000001", false)]
    [InlineData("Z110101-2026-00001", false)]
    [InlineData("Z11010A-2026-000001", false)]
    [InlineData("Z110101/2026-000001", false)]
    public void IsWellFormed_OnlyZOfficeYearSerial(string number, bool expected) =>
        Assert.Equal(expected, MarriageRecordExtractNumber.IsWellFormed(number));
}
