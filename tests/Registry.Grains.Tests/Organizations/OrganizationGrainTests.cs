using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;

namespace Registry.Grains.Tests.Organizations;

[Collection(OrganizationClusterCollection.Name)]
public sealed class OrganizationGrainTests(OrganizationClusterFixture fixture)
{
    private IOrganizationGrain Organization(string uscc) => fixture.Grains.GetGrain<IOrganizationGrain>(uscc);

    private IOrganizationNameGrain NameClaim(RegisterOrganization command) =>
        fixture.Grains.GetGrain<IOrganizationNameGrain>(OrganizationNames.ClaimKey(command.RegisteringOffice, command.Name));

    [Fact]
    public async Task RegisterAsync_ValidCode_StoresTheRecordWithWhoAndWhen()
    {
        RequestContext.Set(AuditScope.ActorKey, "registrar-li");
        var command = Registration.Valid();

        var details = await Organization(command.Uscc).RegisterAsync(command);

        Assert.Equal((command.Name, OrganizationStatus.Active, fixture.Today, false),
            (details.Name, details.Status, details.RegisteredOn, details.LegacyCode));
        Assert.Equal(details.Uscc, (await Organization(command.Uscc).GetAsync()).Uscc);
        var registered = Assert.Single(await Organization(command.Uscc).GetHistoryAsync());
        Assert.Equal((OrganizationEventKind.Registered, "registrar-li", fixture.Today),
            (registered.Kind, registered.RecordedBy, registered.Date));
        Assert.Equal(command.Uscc, await NameClaim(command).GetOwnerAsync());
    }

    [Fact]
    public async Task RegisterAsync_CodeNamingAnotherDivisionThanTheOffice_IsRefusedAndNothingIsStored()
    {
        var command = Registration.Valid();
        var otherCounty = TestCodes.Counties.First(code => code != command.RegisteringOffice);
        command = command with { Uscc = TestCodes.Uscc(command.Kind, otherCounty) };

        var error = await Assert.ThrowsAsync<DomainException>(() => Organization(command.Uscc).RegisterAsync(command));

        Assert.Equal((DomainErrorKind.RuleViolation, "uscc-division-office-mismatch"), (error.Kind, error.Rule));
        Assert.Equal("organization-not-found",
            (await Assert.ThrowsAsync<DomainException>(() => Organization(command.Uscc).GetAsync())).Rule);
        Assert.Null(await NameClaim(command).GetOwnerAsync());
    }

    [Fact]
    public async Task RegisterAsync_RegisteringOfficeNotRecorded_IsRefused()
    {
        var unrecorded = ReferenceDivisions.UnrecordedCountyCode();
        var command = Registration.Valid(office: unrecorded);

        var error = await Assert.ThrowsAsync<DomainException>(() => Organization(command.Uscc).RegisterAsync(command));

        Assert.Equal((DomainErrorKind.RuleViolation, "registering-office-unknown"), (error.Kind, error.Rule));
        Assert.Null(await NameClaim(command).GetOwnerAsync());
    }

    [Fact]
    public async Task RegisterAsync_SameCodeTwice_IsAConflict()
    {
        var command = Registration.Valid();
        await Organization(command.Uscc).RegisterAsync(command);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Organization(command.Uscc).RegisterAsync(command with { Name = command.Name + "二" }));

        Assert.Equal((DomainErrorKind.Conflict, "organization-already-registered"), (error.Kind, error.Rule));
        Assert.Equal(command.Name, (await Organization(command.Uscc).GetAsync()).Name);
    }

    [Fact]
    public async Task RegisterAndImport_SentToTheRecordOfAnotherCode_AreRefusedAndNothingIsStored()
    {
        var command = Registration.Valid();
        var elsewhere = Registration.Valid().Uscc;
        var row = new ImportOrganization(command.Uscc, command.Name, command.Kind, command.RegisteringOffice,
            fixture.Today.AddYears(-3), command.LegalRepresentative, OrganizationStatus.Active, null,
            "existing-register.csv line 2");

        var registered = await Assert.ThrowsAsync<DomainException>(() => Organization(elsewhere).RegisterAsync(command));
        var imported = await Assert.ThrowsAsync<DomainException>(() => Organization(elsewhere).ImportAsync(row));

        Assert.Equal((DomainErrorKind.Invalid, "uscc-key-mismatch", "uscc"),
            (registered.Kind, registered.Rule, registered.Field));
        Assert.Equal((DomainErrorKind.Invalid, "uscc-key-mismatch", "uscc"), (imported.Kind, imported.Rule, imported.Field));
        Assert.Contains($"The row is for {command.Uscc} but was sent to the record of {elsewhere}", imported.Message);
        foreach (var code in new[] { command.Uscc, elsewhere })
        {
            Assert.Equal("organization-not-found",
                (await Assert.ThrowsAsync<DomainException>(() => Organization(code).GetAsync())).Rule);
        }

        Assert.Null(await NameClaim(command).GetOwnerAsync());
    }

    [Fact]
    public async Task RegisterAsync_LegacyCodeWithOverride_IsRecordedAndTheReasonAudited()
    {
        RequestContext.Set(AuditScope.ActorKey, "registrar-wang");
        var valid = Registration.Valid();
        var command = valid with { Uscc = TestCodes.WithWrongChecks(valid.Uscc).First(), LegacyOverrideReason = "1999年换发的登记证书" };

        var details = await Organization(command.Uscc).RegisterAsync(command);

        Assert.True(details.LegacyCode);
        var history = await Organization(command.Uscc).GetHistoryAsync();
        Assert.Equal([OrganizationEventKind.Registered, OrganizationEventKind.LegacyCodeAccepted], history.Select(e => e.Kind));
        Assert.Equal(("1999年换发的登记证书", "registrar-wang"), (history[1].Reason, history[1].RecordedBy));
    }

    [Fact]
    public async Task RegisterAsync_NameTakenInTheSameOffice_IsRefusedEvenInAnotherWidth_ButFreeInAnotherOffice()
    {
        var first = Registration.Valid(name: $"Ｈｏｐｅ公益协会{TestCodes.NextSerial()}");
        await Organization(first.Uscc).RegisterAsync(first);
        var halfWidth = first.Name.Replace("Ｈｏｐｅ", "hope ");
        var second = Registration.Valid(first.RegisteringOffice, name: halfWidth);

        var error = await Assert.ThrowsAsync<DomainException>(() => Organization(second.Uscc).RegisterAsync(second));

        Assert.Equal((DomainErrorKind.Conflict, "organization-name-taken"), (error.Kind, error.Rule));
        Assert.Equal("organization-not-found",
            (await Assert.ThrowsAsync<DomainException>(() => Organization(second.Uscc).GetAsync())).Rule);
        var elsewhere = Registration.Valid(TestCodes.Counties.First(c => c != first.RegisteringOffice), name: first.Name);
        Assert.Equal(first.Name, (await Organization(elsewhere.Uscc).RegisterAsync(elsewhere)).Name);
    }

    [Fact]
    public async Task RegisterAsync_ManyConcurrentRegistrationsOfOneName_ExactlyOneWins()
    {
        var office = TestCodes.AnyCounty();
        var name = $"同名竞争协会{TestCodes.NextSerial()}";
        var commands = Enumerable.Range(0, 40).Select(_ => Registration.Valid(office, name: name)).ToList();

        var outcomes = await Task.WhenAll(commands.Select(async command =>
        {
            try
            {
                await Organization(command.Uscc).RegisterAsync(command);
                return (command.Uscc, Rule: (string?)null);
            }
            catch (DomainException e)
            {
                return (command.Uscc, Rule: e.Rule);
            }
        }));

        var winner = Assert.Single(outcomes, o => o.Rule is null);
        Assert.All(outcomes.Where(o => o.Rule is not null), o => Assert.Equal("organization-name-taken", o.Rule));
        Assert.Equal(winner.Uscc, await NameClaim(commands[0]).GetOwnerAsync());
        var found = await fixture.Grains.GetGrain<IOrganizationSearchGrain>(0)
            .SearchAsync(new OrganizationQuery(name, null, office, null, null, 0, 50));
        Assert.Equal(winner.Uscc, Assert.Single(found.Items).Uscc);
    }

    [Fact]
    public async Task RegisterAsync_NameLeftClaimedByARegistrationThatNeverCommitted_IsRecovered()
    {
        var command = Registration.Valid();
        var ghost = TestCodes.Uscc(command.Kind, command.RegisteringOffice);
        await NameClaim(command).ClaimAsync(ghost); // as if that registration crashed after claiming

        var details = await Organization(command.Uscc).RegisterAsync(command);

        Assert.Equal(command.Name, details.Name);
        Assert.Equal(command.Uscc, await NameClaim(command).GetOwnerAsync());
    }

    [Fact]
    public async Task ChangeAsync_Rename_FreesTheOldNameTakesTheNewAndKeepsHistory()
    {
        RequestContext.Set(AuditScope.ActorKey, "registrar-li");
        var command = Registration.Valid();
        await Organization(command.Uscc).RegisterAsync(command);
        var newName = command.Name + "（更名）";

        var changed = await Organization(command.Uscc).ChangeAsync(
            new ChangeOrganization(newName, "钱七", null, null, "会员大会决议第3号"));

        Assert.Equal((newName, "钱七"), (changed.Name, changed.LegalRepresentative));
        var change = (await Organization(command.Uscc).GetHistoryAsync())[^1];
        Assert.Equal((OrganizationEventKind.Changed, "会员大会决议第3号", "registrar-li"), (change.Kind, change.Reason, change.RecordedBy));
        Assert.Equal([new FieldChange("name", command.Name, newName), new FieldChange("legalRepresentative", "赵六", "钱七")],
            change.Changes);
        Assert.Null(await NameClaim(command).GetOwnerAsync());
        Assert.Equal(command.Uscc, await NameClaim(command with { Name = newName }).GetOwnerAsync());
        var reuse = Registration.Valid(command.RegisteringOffice, name: command.Name);
        Assert.Equal(command.Name, (await Organization(reuse.Uscc).RegisterAsync(reuse)).Name);
    }

    [Fact]
    public async Task DeregisterAsync_FreesTheNameKeepsTheRecordReadableAndRefusesChanges()
    {
        var command = Registration.Valid();
        await Organization(command.Uscc).RegisterAsync(command);

        var details = await Organization(command.Uscc).DeregisterAsync(new DeregisterOrganization("自行解散，清算完毕"));

        Assert.Equal((OrganizationStatus.Deregistered, fixture.Today), (details.Status, details.DeregisteredOn!.Value));
        Assert.Equal(OrganizationStatus.Deregistered, (await Organization(command.Uscc).GetAsync()).Status);
        Assert.Null(await NameClaim(command).GetOwnerAsync());
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            Organization(command.Uscc).ChangeAsync(new ChangeOrganization(null, "孙八", null, null, "x")));
        Assert.Equal((DomainErrorKind.Conflict, "organization-deregistered"), (error.Kind, error.Rule));
        // No deadline is kept for it any more: the partition's sweep does not ask it, however late.
        var due = await fixture.Grains.GetGrain<IOrganizationIndexGrain>(OrganizationIndex.PartitionOf(command.Uscc))
            .DueAsync(fixture.Today.AddYears(10));
        Assert.DoesNotContain(command.Uscc, due);
    }
}
