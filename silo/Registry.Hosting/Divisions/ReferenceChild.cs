namespace Registry.Hosting.Divisions;

/// <summary>A child of a <see cref="ReferenceDivision"/>.</summary>
public sealed record ReferenceChild(string Code);
