using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Grains.Tests.Divisions;

namespace Registry.Grains.Tests.Organizations;

/// <summary>
/// Positions 3-8 of a code name the registering office's division as of the registration date, checked against the
/// division history seeded from the shipped editions (issue 14 part 5, issue 20 part 4).
/// </summary>
[Collection(OrganizationClusterCollection.Name)]
public sealed class OrganizationDivisionHistoryTests(OrganizationClusterFixture fixture)
{
    private static readonly DateOnly BeforeEarliestEdition = EditionChanges.Earliest.CutOff.AddYears(-2);

    private IOrganizationGrain Organization(string uscc) => fixture.Grains.GetGrain<IOrganizationGrain>(uscc);

    private static ImportOrganization Row(string office, DateOnly registeredOn,
        OrganizationStatus status = OrganizationStatus.Active, int? grade = null)
    {
        var serial = TestCodes.NextSerial();
        return new ImportOrganization(TestCodes.Uscc(OrganizationKind.SocialAssociation, office, serial),
            $"老年人体育协会{serial}", OrganizationKind.SocialAssociation, office, registeredOn, "钱七", status, grade,
            $"existing-register.csv line {serial}");
    }

    [Fact]
    public async Task ImportAsync_RegisteredWhenItsDivisionWasInForce_IsStoredAsOfThatDate()
    {
        var ended = EditionChanges.EndedCounties[0];
        var row = Row(ended, EditionChanges.Earliest.CutOff.AddYears(-2));

        Assert.Equal(ImportOutcome.Imported, await Organization(row.Uscc).ImportAsync(row));

        var details = await Organization(row.Uscc).GetAsync();
        Assert.Equal((row.RegisteredOn, ended, OrganizationStatus.Active),
            (details.RegisteredOn, details.RegisteringOffice, details.Status));
        Assert.Equal(OrganizationEventKind.Imported, Assert.Single(await Organization(row.Uscc).GetHistoryAsync()).Kind);
    }

    [Fact]
    public async Task RegisterAsync_TodayUnderADivisionThatHasEnded_IsRefusedNamingTheRule()
    {
        var ended = EditionChanges.EndedCounties[0];
        var command = Registration.Valid(office: ended);

        var error = await Assert.ThrowsAsync<DomainException>(() => Organization(command.Uscc).RegisterAsync(command));

        Assert.Equal((DomainErrorKind.RuleViolation, "registering-office-not-in-force"), (error.Kind, error.Rule));
        Assert.Contains(EditionChanges.EarliestName(ended), error.Message);
        Assert.Equal("organization-not-found",
            (await Assert.ThrowsAsync<DomainException>(() => Organization(command.Uscc).GetAsync())).Rule);
    }

    [Fact]
    public async Task ImportAsync_RegisteredAfterItsDivisionEnded_IsRefused()
    {
        var row = Row(EditionChanges.EndedCounties[0], EditionChanges.Latest.CutOff);

        var error = await Assert.ThrowsAsync<DomainException>(() => Organization(row.Uscc).ImportAsync(row));

        Assert.Equal("registering-office-not-in-force", error.Rule);
    }

    [Fact]
    public async Task ImportAsync_RegisteredBeforeItsDivisionWasEstablished_IsRefused()
    {
        // Listed in every edition but the earliest: on the earliest cut-off it was not yet established.
        var row = Row(EditionChanges.NewCounties[0], EditionChanges.Earliest.CutOff);

        var error = await Assert.ThrowsAsync<DomainException>(() => Organization(row.Uscc).ImportAsync(row));

        Assert.Equal("registering-office-not-in-force", error.Rule);
    }

    [Fact]
    public async Task ImportAsync_NewDivisionRegisteredAfterItAppeared_IsStored()
    {
        var row = Row(EditionChanges.NewCounties[0], EditionChanges.Latest.CutOff);

        Assert.Equal(ImportOutcome.Imported, await Organization(row.Uscc).ImportAsync(row));
    }

    [Fact]
    public async Task ImportAsync_SameRowTwice_StoresItOnce()
    {
        var row = Row(TestCodes.AnyCounty(), BeforeEarliestEdition, grade: 4);

        Assert.Equal(ImportOutcome.Imported, await Organization(row.Uscc).ImportAsync(row));
        Assert.Equal(ImportOutcome.AlreadyStored, await Organization(row.Uscc).ImportAsync(row));

        var history = await Organization(row.Uscc).GetHistoryAsync();
        Assert.Equal([OrganizationEventKind.Imported, OrganizationEventKind.GradeEvaluated], history.Select(e => e.Kind));
        var grade = Assert.Single((await Organization(row.Uscc).GetAsync()).Grades);
        Assert.Equal(("4A", fixture.Today), (grade.Label, grade.EvaluatedOn));
    }

    [Fact]
    public async Task ImportAsync_OfACodeRegisteredThroughTheRegistry_IsAConflict()
    {
        var command = Registration.Valid();
        await Organization(command.Uscc).RegisterAsync(command);
        var row = Row(command.RegisteringOffice, BeforeEarliestEdition) with { Uscc = command.Uscc };

        var error = await Assert.ThrowsAsync<DomainException>(() => Organization(row.Uscc).ImportAsync(row));

        Assert.Equal((DomainErrorKind.Conflict, "organization-already-registered"), (error.Kind, error.Rule));
    }

    [Fact]
    public async Task ImportAsync_DeregisteredRow_HoldsNoNameAndOwesNoReports()
    {
        var row = Row(TestCodes.AnyCounty(), BeforeEarliestEdition, OrganizationStatus.Deregistered);

        await Organization(row.Uscc).ImportAsync(row);

        Assert.Equal(OrganizationStatus.Deregistered, (await Organization(row.Uscc).GetAsync()).Status);
        Assert.Null(await fixture.Grains.GetGrain<IOrganizationNameGrain>(
            Registry.Grains.Organizations.OrganizationNames.ClaimKey(row.RegisteringOffice, row.Name)).GetOwnerAsync());
        Assert.Empty(await Organization(row.Uscc).ApplyDeadlinesAsync());
    }

    [Fact]
    public async Task ImportAsync_ActiveRowRegisteredYearsAgo_IsNotListedForYearsBeforeTheImport()
    {
        var row = Row(TestCodes.AnyCounty(), BeforeEarliestEdition);

        await Organization(row.Uscc).ImportAsync(row);

        Assert.Empty(await Organization(row.Uscc).ApplyDeadlinesAsync());
        Assert.Empty((await Organization(row.Uscc).GetAsync()).ListEntries);
    }
}
