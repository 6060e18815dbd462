namespace Registry.Hosting.Spatial;

/// <summary>
/// What a geometry seeding did: how many division geometries it stored, which features it refused and why, and
/// whether it found the seed already applied (then it read no file).
/// </summary>
public sealed record GeometrySeedReport(int Stored, IReadOnlyList<GeometrySeedRejection> Rejected, bool AlreadySeeded);
