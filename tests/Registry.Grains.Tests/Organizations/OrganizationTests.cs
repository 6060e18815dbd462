using Registry.Abstractions.Errors;
using Registry.Abstractions.Organizations;
using Registry.Grains.Organizations;
using static Registry.Grains.Tests.Organizations.CycleTestData;

namespace Registry.Grains.Tests.Organizations;

/// <summary>The aggregate's transitions, without a cluster.</summary>
public sealed class OrganizationTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static Organization Registered()
    {
        var command = Registration.Valid();
        return Organization.Register(command, Today, DefaultWindows, Registrar);
    }

    [Fact]
    public void Register_MakesAnActiveRecordWithItsHistory_AndStartsTheCycle()
    {
        var organization = Registered();

        Assert.True(organization.IsActive);
        Assert.Equal(OrganizationEventKind.Registered, Assert.Single(organization.State.Events).Kind);
        Assert.Equal(Today.Year - 1, organization.State.DeadlinesAppliedThrough);
        Assert.Equal(new DateOnly(Today.Year + 1, 6, 1), organization.NextDeadline());
    }

    [Fact]
    public void Register_KindMismatch_NamesTheKindInTheApisTerms()
    {
        var command = Registration.Valid() with { Kind = OrganizationKind.Foundation };

        var error = Assert.Throws<DomainException>(() => Organization.Register(command, Today, DefaultWindows, Registrar));

        Assert.Equal("uscc-kind-mismatch", error.Rule);
        Assert.Contains("foundation (基金会)", error.Message);
        Assert.DoesNotContain("Foundation", error.Message);
    }

    [Fact]
    public void Change_AppliesOnlyWhatDiffers_AndKeepsTheChangeInTheHistory()
    {
        var organization = Registered();
        var changes = organization.CheckChange(new ChangeOrganization(null, "李四", organization.State.Address, null, "换届"));

        organization.Change(changes, "换届", Today, Registrar);

        Assert.Equal("李四", organization.State.LegalRepresentative);
        var changed = organization.State.Events[^1];
        Assert.Equal((OrganizationEventKind.Changed, "legalRepresentative"), (changed.Kind, Assert.Single(changed.Changes).Field));
    }

    [Fact]
    public void Deregister_EndsTheGradeInForce_StopsDeadlines_AndRefusesLaterCommands()
    {
        var organization = Registered();
        organization.State.Grades.Add(new GradeEvaluation(4, Today, Today.AddYears(5), "registrar", null));

        organization.Deregister(new DeregisterOrganization("自行解散"), Today.AddDays(10), Registrar);

        Assert.Equal((OrganizationStatus.Deregistered, GradeEndReasons.Deregistered),
            (organization.State.Status, organization.State.Grades[0].EndedBecause));
        Assert.Null(organization.NextDeadline());
        Assert.Equal("organization-deregistered", Assert.Throws<DomainException>(() =>
            organization.CheckChange(new ChangeOrganization("新名", null, null, null, "改名"))).Rule);
    }
}
