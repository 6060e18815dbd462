namespace Registry.Grains.Places;

/// <summary>Stored state of a place-name code counter: the last serial given out (0: none yet).</summary>
public sealed class PlaceNameCodeState
{
    public int Last { get; set; }
}
