using Registry.Abstractions.Divisions;
using Registry.Hosting.Divisions;

namespace Registry.Grains.Tests;

/// <summary>
/// The shipped official division lists, read once, so tests pick real divisions (and derive codes that are not
/// recorded) instead of typing codes by hand.
/// </summary>
public static class ReferenceDivisions
{
    private static readonly Lazy<IReadOnlyList<ReferenceDivision>> all = new(() =>
        DivisionReferenceData.Load(DivisionReferenceData.DefaultDirectory));

    public static IReadOnlyList<ReferenceDivision> All => all.Value;

    public static ReferenceDivision Get(string code) => All.Single(d => d.Code == code);

    public static string NameOf(string code) => Get(code).Names[0].Value;

    /// <summary>Counties (with townships) under one prefecture, taken in code order, skipping <paramref name="skip"/>.</summary>
    public static ReferenceDivision CountyWithTownships(int skip) =>
        All.Where(d => d.Level == DivisionLevel.County && d.Children.Count >= 2).Skip(skip).First();

    /// <summary>A well-formed 6-digit code under the first county's prefecture that no list records.</summary>
    public static string UnrecordedCountyCode()
    {
        var codes = All.Select(d => d.Code).ToHashSet();
        var prefecture = All.First(d => d.Level == DivisionLevel.Prefecture).Code[..4];
        return Enumerable.Range(1, 99).Select(n => $"{prefecture}{n:00}").First(code => !codes.Contains(code));
    }
}
