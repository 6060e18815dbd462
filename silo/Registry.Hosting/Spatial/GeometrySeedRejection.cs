namespace Registry.Hosting.Spatial;

/// <summary>A reference feature the seeder did not store: file, code, name, rule and why.</summary>
public sealed record GeometrySeedRejection(string File, string? Code, string? Name, string Rule, string Message);
