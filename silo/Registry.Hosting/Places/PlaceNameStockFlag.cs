namespace Registry.Hosting.Places;

/// <summary>A row of the official lists recorded as written with characters outside the standard a new name meets:
/// its line, statistical code, the name and spelling recorded, and the classes with their characters
/// (<c>full-width-parentheses （）</c>).</summary>
public sealed record PlaceNameStockFlag(long Line, string Code, string Name, string Romanization, string Characters);
