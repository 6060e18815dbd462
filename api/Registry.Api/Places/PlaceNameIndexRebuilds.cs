namespace Registry.Api.Places;

/// <summary>
/// The time of this process's rebuild ask that has not been answered yet. A partition answers an ask only with a
/// build that began after it (an import may have written records while an earlier build read them), and a build can
/// outlast its caller (the rebuild calls wait ten minutes, <c>RebuildTimeout</c>; an HTTP client may give up sooner):
/// each retried request, asked anew, would then wait for the running build and queue another, and never be answered. A request made while an earlier one is
/// unanswered (it failed or timed out) asks with that one's time instead, so its retries are answered by the build it
/// started. Once an ask is answered, the next request asks anew. Thread-safe.
/// </summary>
public sealed class PlaceNameIndexRebuilds
{
    private readonly Lock gate = new();
    private DateTimeOffset? unanswered;

    /// <summary>The time to ask with: the unanswered ask's, else <paramref name="now"/> (then the unanswered one).</summary>
    public DateTimeOffset Ask(DateTimeOffset now)
    {
        lock (gate)
        {
            unanswered ??= now;
            return unanswered.Value;
        }
    }

    /// <summary>The ask of <paramref name="askedAt"/> was answered: the next request asks anew.</summary>
    public void Answered(DateTimeOffset askedAt)
    {
        lock (gate)
        {
            if (unanswered == askedAt)
            {
                unanswered = null;
            }
        }
    }
}
