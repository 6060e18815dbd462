using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Persons;

namespace Registry.Abstractions.Tests.Grains;

/// <summary>A marriage's summary crosses silos (a person's record reads its marriages' summaries wherever they are
/// activated): the parties' sex and birth date must arrive as sent, and unset where they were.</summary>
public sealed class MarriageSummarySerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer()
        .BuildServiceProvider().GetRequiredService<Serializer>();

    private static MarriageSummary Summary() =>
        new("m1", MarriageStatus.EndedByDeath, "110101", new DateOnly(1984, 5, 2), "京东结字第0417号",
            "unrecorded:0F3C-A", "甲", "110101196003030024", "乙", new DateOnly(1990, 11, 11), "110101196003030024");

    [Fact]
    public void PartiesSexAndBirthDate_RoundTrip()
    {
        var sent = Summary() with
        {
            FromArchive = true,
            PartyABorn = (Sex.Male, new DateOnly(1952, 4, 1)),
            PartyBBorn = (Sex.Female, new DateOnly(1960, 3, 3)),
        };

        var received = Serializer.Deserialize<MarriageSummary>(Serializer.SerializeToArray(sent))!;

        Assert.Equal(sent, received);
        Assert.Equal((Sex.Male, new DateOnly(1952, 4, 1)), received.PartyABorn);
    }

    [Fact]
    public void UnsetParties_StayUnset()
    {
        var received = Serializer.Deserialize<MarriageSummary>(Serializer.SerializeToArray(Summary()))!;

        Assert.Null(received.PartyABorn);
        Assert.Null(received.PartyBBorn);
    }
}
