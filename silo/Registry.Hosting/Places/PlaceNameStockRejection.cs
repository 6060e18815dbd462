namespace Registry.Hosting.Places;

/// <summary>A row of the official lists the registry could not record: its line, statistical code, rule and why.</summary>
public sealed record PlaceNameStockRejection(long Line, string Code, string Rule, string Message);
