using Microsoft.Extensions.Configuration;
using Registry.Grains.Organizations;
using Registry.Hosting.Configuration;

namespace Registry.Grains.Tests.Organizations;

public sealed class FilingWindowPolicyTests
{
    [Fact]
    public void For_Default_IsJanuaryFirstToMayThirtyFirstOfTheNextYear()
    {
        var window = CycleTestData.DefaultWindows.For(TestCodes.County(1), 2026);

        Assert.Equal((new DateOnly(2027, 1, 1), new DateOnly(2027, 5, 31), new DateOnly(2027, 6, 1)),
            (window.Opens, window.Closes, window.Deadline));
        Assert.True(window.Contains(new DateOnly(2027, 5, 31)));
        Assert.False(window.Contains(new DateOnly(2027, 6, 1)));
    }

    [Fact]
    public void For_UsesTheOfficesOwnWindowElseItsPrefecturesElseItsProvinces()
    {
        var county = ReferenceDivisions.All.First(d => d.Level == Abstractions.Divisions.DivisionLevel.County && d.Code[4..] != "00");
        var prefecture = county.Parents[0].Value;
        var province = county.Code[..2] + "0000";
        var sibling = ReferenceDivisions.All.First(d => d.Parents.Any(p => p.Value == prefecture) && d.Code != county.Code).Code;
        var elsewhere = ReferenceDivisions.All.First(d => d.Level == Abstractions.Divisions.DivisionLevel.County && d.Code[..2] != county.Code[..2]).Code;
        var policy = new FilingWindowPolicy(new OrganizationOptions
        {
            OfficeFilingWindows =
            {
                [county.Code] = new FilingWindowSetting { Opens = "02-01", Closes = "06-30" },
                [prefecture] = new FilingWindowSetting { Opens = "01-15", Closes = "04-30" },
                [province] = new FilingWindowSetting { Opens = "03-01", Closes = "07-31" },
            },
        });

        Assert.Equal(new DateOnly(2027, 6, 30), policy.For(county.Code, 2026).Closes);
        Assert.Equal(new DateOnly(2027, 4, 30), policy.For(sibling, 2026).Closes);
        Assert.Equal(new DateOnly(2027, 7, 31), policy.For(province, 2026).Closes);
        Assert.Equal(new DateOnly(2027, 5, 31), policy.For(elsewhere, 2026).Closes);
    }

    [Theory]
    [InlineData("13-01", "05-31")]
    [InlineData("01-01", "02-29")]
    [InlineData("06-01", "05-31")]
    [InlineData("1 Jan", "05-31")]
    public void Validate_UnusableWindow_FailsAtStart(string opens, string closes)
    {
        var options = new OrganizationOptions { FilingWindow = new FilingWindowSetting { Opens = opens, Closes = closes } };

        Assert.Throws<InvalidOperationException>(options.Validate);
    }

    [Fact]
    public void RegistryOptions_BindsOfficeWindowsFromConfiguration()
    {
        var office = TestCodes.County(77);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Registry:Organizations:OfficeFilingWindows:{office}:Opens"] = "01-01",
            [$"Registry:Organizations:OfficeFilingWindows:{office}:Closes"] = "12-31",
        }).Build();

        var policy = new FilingWindowPolicy(RegistryOptions.From(configuration).Organizations);

        Assert.Equal(new DateOnly(2027, 12, 31), policy.For(office, 2026).Closes);
        Assert.Equal(new DateOnly(2027, 5, 31), policy.For(TestCodes.County(78), 2026).Closes);
    }

    [Fact]
    public void RegistryOptions_OfficeKeyThatIsNotADivisionCode_FailsAtStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Registry:Organizations:OfficeFilingWindows:beijing:Closes"] = "06-30",
        }).Build();

        Assert.Throws<InvalidOperationException>(() => RegistryOptions.From(configuration));
    }
}
