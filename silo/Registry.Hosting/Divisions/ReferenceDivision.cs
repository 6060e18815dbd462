using Registry.Abstractions.Divisions;

namespace Registry.Hosting.Divisions;

/// <summary>A division of the shipped 2023 list with its children in that list. <see cref="Names"/> holds the one
/// name, so callers read <c>Names[0].Value</c>.</summary>
public sealed record ReferenceDivision(string Code, DivisionLevel Level, string Name, string? ParentCode)
{
    public IReadOnlyList<ReferenceName> Names => [new ReferenceName(Name)];

    /// <summary>The parent code as a one-entry list (none for a province), read as <c>Parents[0].Value</c>.</summary>
    public IReadOnlyList<ReferenceName> Parents => ParentCode is null ? [] : [new ReferenceName(ParentCode)];

    public List<ReferenceChild> Children { get; } = [];
}
