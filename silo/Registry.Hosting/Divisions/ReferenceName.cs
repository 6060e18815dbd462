namespace Registry.Hosting.Divisions;

/// <summary>A name of a <see cref="ReferenceDivision"/>.</summary>
public sealed record ReferenceName(string Value);
