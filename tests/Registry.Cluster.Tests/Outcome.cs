namespace Registry.Cluster.Tests;

/// <summary>What became of one rename request.</summary>
public enum Outcome
{
    /// <summary>2xx: the API says the change is stored.</summary>
    Acknowledged,

    /// <summary>A 4xx: the API says nothing was changed.</summary>
    Refused,

    /// <summary>5xx, timeout or broken connection: stored or not, the client cannot know.</summary>
    Unknown,
}
