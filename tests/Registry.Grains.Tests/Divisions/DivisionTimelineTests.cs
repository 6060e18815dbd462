using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Grains.Divisions;
using Registry.Hosting.Divisions;

namespace Registry.Grains.Tests.Divisions;

/// <summary>The history rules over the shipped official editions (ReferenceData/divisions/editions), no cluster.</summary>
public sealed class DivisionTimelineTests
{
    private static readonly Lazy<IReadOnlyList<DivisionEdition>> editions = new(() =>
        ShippedEditions.All().Select(e => DivisionEdition.Read(e.CutOff, e.Directory)).ToList());

    private static IReadOnlyList<DivisionEdition> Editions => editions.Value;

    private static DivisionEdition Edition(string cutOff) =>
        Editions.Single(e => e.CutOff == DateOnly.Parse(cutOff, System.Globalization.CultureInfo.InvariantCulture));

    private static Dictionary<string, DivisionState> Import(params DivisionEdition[] order)
    {
        var states = new Dictionary<string, DivisionState>(StringComparer.Ordinal);
        foreach (var edition in order)
        {
            edition.ApplyTo(states);
        }

        return states;
    }

    private static readonly Lazy<Dictionary<string, DivisionState>> inOrder = new(() => Import([.. Editions]));

    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    private static DivisionStep Step(DivisionStepKind kind, string date, string? name = null,
        DivisionStatus? end = null) =>
        new(kind, D(date), "test approval", name, null, null, end, []);

    [Fact]
    public void Editions_AreTheFourShippedCutOffs()
    {
        Assert.Equal(["2017-10-31", "2020-06-30", "2022-10-31", "2023-06-30"],
            Editions.Select(e => e.CutOff.ToString("yyyy-MM-dd", null)));
    }

    [Fact]
    public void SummaryAsOf_EachCutOff_AnswersExactlyThatEditionForEveryCode()
    {
        var states = inOrder.Value;
        foreach (var edition in Editions)
        {
            var inForce = 0;
            foreach (var (code, state) in states)
            {
                var summary = DivisionTimeline.SummaryAsOf(state, edition.CutOff);
                if (edition.Rows.TryGetValue(code, out var row))
                {
                    Assert.True(summary.Status == DivisionStatus.InForce, $"{code} on {edition.CutOff}: {summary.Status}");
                    Assert.Equal(row.Name, summary.Name);
                    Assert.Equal(row.ParentCode, summary.ParentCode);
                    inForce++;
                }
                else
                {
                    Assert.True(summary.Status != DivisionStatus.InForce, $"{code} on {edition.CutOff} is not listed");
                }
            }

            Assert.Equal(edition.Rows.Count, inForce);
        }
    }

    [Fact]
    public void ApplyTo_AnyOrder_GivesTheSameFactsAsInOrder()
    {
        var shuffled = Import(Edition("2023-06-30"), Edition("2017-10-31"), Edition("2022-10-31"),
            Edition("2020-06-30"));

        Assert.Equal(inOrder.Value.Count, shuffled.Count);
        foreach (var (code, state) in inOrder.Value)
        {
            Assert.Equal(state.Facts, shuffled[code].Facts);
            Assert.Equal(state.ChildCodes.Order(StringComparer.Ordinal),
                shuffled[code].ChildCodes.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void ApplyTo_SameEditionAgain_ChangesNothing()
    {
        var states = Import(Edition("2020-06-30"), Edition("2023-06-30"));

        Assert.Empty(Edition("2020-06-30").ApplyTo(states));
        Assert.Empty(Edition("2023-06-30").ApplyTo(states));
    }

    [Fact]
    public void SummaryAsOf_BeforeTheEarliestEdition_SaysNothingIsKnown()
    {
        var states = inOrder.Value;

        Assert.Equal(DivisionStatus.Unknown, DivisionTimeline.SummaryAsOf(states["110101"], D("2017-10-30")).Status);
        Assert.Equal(DivisionStatus.Unknown, DivisionTimeline.SummaryAsOf(states["370116"], D("2016-01-01")).Status);
        var details = DivisionTimeline.DetailsAsOf(states["110101"], D("2010-01-01"));
        Assert.Equal(D("2017-10-31"), details.KnownFrom);
    }

    [Fact]
    public void DetailsAsOf_Laiwu2018_CityInForceDistrictNotYetWithTheIntervalOfItsChange()
    {
        var states = inOrder.Value;

        var city = DivisionTimeline.SummaryAsOf(states["371200"], D("2018-01-01"));
        Assert.Equal((DivisionStatus.InForce, "莱芜市"), (city.Status, city.Name));
        var district = DivisionTimeline.DetailsAsOf(states["370116"], D("2018-01-01"));
        Assert.Equal(DivisionStatus.NotYetEstablished, district.Status);
        Assert.Equal((D("2017-10-31"), D("2020-06-30")), (district.PendingChange!.After, district.PendingChange.By));

        var later = DivisionTimeline.DetailsAsOf(states["370116"], D("2021-01-01"));
        Assert.Equal((DivisionStatus.InForce, "370100"), (later.Status, DivisionTimeline.ParentAsOf(states["370116"], D("2021-01-01"))));
        Assert.Equal(D("2017-10-31"), later.ChangedBetween!.After);
        Assert.Equal(DivisionStatus.NoLongerListed, DivisionTimeline.SummaryAsOf(states["371200"], D("2020-06-30")).Status);
    }

    [Fact]
    public void ApplyTo_EditionBetweenTwoKnown_RefinesTheInterval()
    {
        var states = Import(Edition("2017-10-31"), Edition("2023-06-30"));
        var coarse = DivisionTimeline.DetailsAsOf(states["370116"], D("2019-01-01"));
        Assert.Equal((D("2017-10-31"), D("2023-06-30")), (coarse.PendingChange!.After, coarse.PendingChange.By));

        Edition("2020-06-30").ApplyTo(states);

        var fine = DivisionTimeline.DetailsAsOf(states["370116"], D("2019-01-01"));
        Assert.Equal((D("2017-10-31"), D("2020-06-30")), (fine.PendingChange!.After, fine.PendingChange.By));
        Assert.Equal(DivisionStatus.InForce, DivisionTimeline.SummaryAsOf(states["370116"], D("2020-06-30")).Status);
    }

    [Fact]
    public void History_EditionChange_IsDatedByTheLaterCutOffWithTheInterval()
    {
        var history = DivisionTimeline.History(inOrder.Value["610322"]);

        var ended = Assert.Single(history, e => e.Kind == DivisionEventKind.NoLongerListed);
        Assert.Equal((D("2020-06-30"), D("2022-10-31")), (ended.ChangedAfter!.Value, ended.EffectiveDate!.Value));
        Assert.Equal("凤翔县", ended.PreviousName);
    }

    [Fact]
    public void EnsureCanApply_EndBeforeARecordedLaterRename_IsRefusedNamingTheRename()
    {
        var state = Copy(inOrder.Value["110101"]);
        DivisionTimeline.Apply(state, "110101", Step(DivisionStepKind.Rename, "2027-01-01", "东城区（新）"),
            DateTimeOffset.UnixEpoch, "admin");

        var error = Assert.Throws<DomainException>(() => DivisionTimeline.Apply(state, "110101",
            Step(DivisionStepKind.End, "2026-06-01", end: DivisionStatus.Merged), DateTimeOffset.UnixEpoch, "admin"));

        Assert.Equal("division-change-conflict", error.Rule);
        Assert.Contains("2027-01-01", error.Message, StringComparison.Ordinal);
        Assert.All(DivisionTimeline.NamePeriods(state), p => Assert.True(p.Until is null || p.From is null || p.From < p.Until));
    }

    [Fact]
    public void EnsureCanApply_EndWhileALaterEditionStillListsIt_IsRefusedNamingTheEdition()
    {
        var state = Copy(inOrder.Value["610322"]);

        var error = Assert.Throws<DomainException>(() => DivisionTimeline.Apply(state, "610322",
            Step(DivisionStepKind.End, "2019-01-01", end: DivisionStatus.Abolished), DateTimeOffset.UnixEpoch, "a"));

        Assert.Equal("division-change-contradicts-edition", error.Rule);
        Assert.Contains("2020-06-30", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_EndInsideTheEditionInterval_MakesTheChangeExactOnBothSides()
    {
        var state = Copy(inOrder.Value["610322"]);

        DivisionTimeline.Apply(state, "610322",
            new DivisionStep(DivisionStepKind.End, D("2021-02-01"), "approval", null, null, null,
                DivisionStatus.Recoded, ["610305"]), DateTimeOffset.UnixEpoch, "admin");

        Assert.Equal(DivisionStatus.InForce, DivisionTimeline.SummaryAsOf(state, D("2021-01-31")).Status);
        var after = DivisionTimeline.DetailsAsOf(state, D("2021-02-01"));
        Assert.Equal((DivisionStatus.Recoded, "610305"), (after.Status, after.SuccessorCode));
        Assert.Null(after.ChangedBetween);
        Assert.Null(DivisionTimeline.DetailsAsOf(state, D("2021-01-31")).PendingChange);
        Assert.DoesNotContain(DivisionTimeline.History(state), e => e.Kind == DivisionEventKind.NoLongerListed);
    }

    [Fact]
    public void Apply_RenameThenAsOf_AnswersEachNameOnItsSide()
    {
        var state = Copy(inOrder.Value["110101"]);

        DivisionTimeline.Apply(state, "110101", Step(DivisionStepKind.Rename, "2025-03-01", "东城区（试）"),
            DateTimeOffset.UnixEpoch, "admin");

        Assert.Equal("东城区", DivisionTimeline.SummaryAsOf(state, D("2025-02-28")).Name);
        Assert.Equal("东城区（试）", DivisionTimeline.SummaryAsOf(state, D("2025-03-01")).Name);
        Assert.Equal(["东城区", "东城区（试）"], DivisionTimeline.NamePeriods(state).Select(p => p.Name));
    }

    private static DivisionState Copy(DivisionState state) => new()
    {
        Code = state.Code,
        Level = state.Level,
        Format = state.Format,
        Facts = [.. state.Facts],
        ChildCodes = [.. state.ChildCodes],
        Events = [.. state.Events],
    };
}
