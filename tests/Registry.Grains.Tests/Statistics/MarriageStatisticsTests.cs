using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;
using Registry.Grains.Marriages;
using Registry.Grains.Statistics;
using Registry.Grains.Tests.Persons;
using F = Registry.Abstractions.Statistics.StatisticsFigures;

namespace Registry.Grains.Tests.Statistics;

/// <summary>What a registration counts by its parties' status before it, computed from the record without a
/// cluster.</summary>
public sealed class MarriageStatisticsTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>A foreigner's permanent residence ID (2023 format): 9, Beijing (11), the United States (840), born
    /// 1980-01-01, serial 001, and its GB 11643 check character.</summary>
    private const string PermanentResidenceId = "911840198001010013";

    private static MarriageState Registered(PriorMaritalStatus? a, PriorMaritalStatus? b, bool? reunion) => new()
    {
        Record = MarriageRecordStatus.Registered,
        Id = "M-" + Guid.NewGuid().ToString("N"),
        Office = "110101",
        RegisteredOn = new DateOnly(2026, 5, 20),
        PartyA = new PartyRecord { IdNumber = TestPeople.Man(), PriorStatus = a },
        PartyB = new PartyRecord { IdNumber = TestPeople.Woman(), PriorStatus = b },
        Reunion = reunion,
        Events =
        [
            new MarriageEvent(1, MarriageEventKind.Registered, DateTimeOffset.UnixEpoch, "registrar",
                new DateOnly(2026, 5, 20), "110101", null, null, null, null, null),
        ],
    };

    private static Dictionary<string, int> Counts(MarriageState state) => MarriageStatistics.Of(state, Zone).Period
        .GroupBy(f => f.Figure).ToDictionary(g => g.Key, g => g.Sum(f => f.Count));

    [Fact]
    public void Of_ATownshipsRecord_IsCountedAndRegisteredAtItsCounty()
    {
        // A record from the archive registered by 东华门街道 (a street office, before 2003).
        var state = Registered(PriorMaritalStatus.NeverMarried, PriorMaritalStatus.NeverMarried, false);
        state.Office = "110101001";
        state.Events[0] = state.Events[0] with { Office = "110101001" };

        Assert.All(MarriageStatistics.Of(state, Zone).Period, fact => Assert.Equal("110101", fact.Office));
        Assert.All(OfficeRegister.Of(state, Zone), entry => Assert.Equal("110101", entry.Office));
        Assert.NotEmpty(OfficeRegister.Of(state, Zone));
    }

    [Fact]
    public void Of_CountsEachPartyByPriorStatus_AnnulledAsAFirstMarriage()
    {
        var counts = Counts(Registered(PriorMaritalStatus.PreviousMarriageAnnulled, PriorMaritalStatus.Widowed, false));

        Assert.Equal(1, counts[F.MarriageFirst]);
        Assert.Equal(1, counts[F.MarriageRemarriages]);
        Assert.False(counts.ContainsKey(F.MarriageReunions));
        Assert.False(counts.ContainsKey(F.MarriagePriorStatusUnknown));
    }

    [Fact]
    public void Of_Reunion_CountsBothPersonsAmongTheRemarriages()
    {
        var counts = Counts(Registered(PriorMaritalStatus.Divorced, PriorMaritalStatus.Divorced, true));

        Assert.Equal(2, counts[F.MarriageRemarriages]);
        Assert.Equal(2, counts[F.MarriageReunions]);
        Assert.False(counts.ContainsKey(F.MarriageFirst));
    }

    [Fact]
    public void Of_RecordStoredBeforePriorStatus_CountsBothAsUnknown_NeverGuessed()
    {
        var counts = Counts(Registered(null, null, null));

        Assert.Equal(2, counts[F.MarriagePriorStatusUnknown]);
        Assert.False(counts.ContainsKey(F.MarriageFirst));
        Assert.False(counts.ContainsKey(F.MarriageRemarriages));
        Assert.False(counts.ContainsKey(F.MarriageReunions));
        Assert.Equal(1, counts[F.MarriageRegistrations]);
    }

    [Fact]
    public void Of_PartiesTheArchiveNamesWithoutADocument_CountAsMainlandResidents_NeverAcrossRegions()
    {
        // A record of 1978 made before identity cards, at an office of another province than the test people's.
        var state = Registered(null, null, null);
        state.Office = "650102";
        foreach (var (party, sideA) in new[] { (state.PartyA, true), (state.PartyB, false) })
        {
            party.IdNumber = IdentityDocument.OfUnrecordedParty(state.Id[2..], sideA).Key;
            party.DocumentType = IdentityDocumentType.Unrecorded;
        }

        var counts = Counts(state);

        Assert.Equal(1, counts[F.MarriageBothMainland]);
        Assert.False(counts.ContainsKey(F.MarriageCrossRegion));

        // One of them with a passport recorded: one mainland resident. A foreigner's permanent residence ID, 18 digits
        // like a resident ID's, is not a mainland resident's either.
        state.PartyB.IdNumber = "passport:USA:E1234567";
        state.PartyB.DocumentType = IdentityDocumentType.Passport;
        Assert.Equal(1, Counts(state)[F.MarriageOneMainland]);
        state.PartyB.IdNumber = PermanentResidenceId;
        state.PartyB.DocumentType = IdentityDocumentType.PermanentResidenceId;
        Assert.Equal(1, Counts(state)[F.MarriageOneMainland]);
    }
}
