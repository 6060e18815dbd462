namespace Registry.Storage.Tests;

/// <summary>The enum used by <see cref="DivisionState"/>.</summary>
public enum DivisionLevel
{
    Province,
    Prefecture,
    County,
}
