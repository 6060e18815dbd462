using Registry.Api.Places;

namespace Registry.Api.Tests.Places;

/// <summary>
/// A rebuild request made while an earlier one is unanswered (it timed out on a national partition's long build)
/// asks with the earlier one's time, so the build that ask started answers it; once answered, a request asks anew.
/// </summary>
public sealed class PlaceNameIndexRebuildsTests
{
    private static readonly DateTimeOffset First = new(2026, 12, 4, 22, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Retry_WhileTheFirstAskIsUnanswered_AsksWithTheFirstAsksTime()
    {
        var rebuilds = new PlaceNameIndexRebuilds();

        var asked = rebuilds.Ask(First);
        var retried = rebuilds.Ask(First.AddSeconds(31));

        Assert.Equal(First, asked);
        Assert.Equal(First, retried);
    }

    [Fact]
    public void Request_AfterTheAskWasAnswered_AsksAnew()
    {
        var rebuilds = new PlaceNameIndexRebuilds();
        var asked = rebuilds.Ask(First);

        rebuilds.Answered(asked);
        var next = rebuilds.Ask(First.AddMinutes(5));

        Assert.Equal(First.AddMinutes(5), next);
    }

    [Fact]
    public void AnswerToAnOlderAsk_LeavesTheUnansweredOneInPlace()
    {
        var rebuilds = new PlaceNameIndexRebuilds();
        var first = rebuilds.Ask(First);
        rebuilds.Answered(first);
        var second = rebuilds.Ask(First.AddMinutes(1));

        rebuilds.Answered(first); // a late answer to the first ask
        var retried = rebuilds.Ask(First.AddMinutes(2));

        Assert.Equal(second, retried);
    }
}
