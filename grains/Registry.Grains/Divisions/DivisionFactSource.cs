namespace Registry.Grains.Divisions;

/// <summary>Where a <see cref="DivisionFact"/> comes from.</summary>
public enum DivisionFactSource
{
    /// <summary>A change recorded by approval, exact to the day.</summary>
    Change = 0,

    /// <summary>An official edition: the state on its cut-off date, nothing about the days before.</summary>
    Edition = 1,
}
