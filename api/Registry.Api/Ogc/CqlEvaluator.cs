using System.Text;
using System.Text.RegularExpressions;
using NetTopologySuite.Geometries;

namespace Registry.Api.Ogc;

/// <summary>
/// Decides whether one feature matches a <see cref="CqlExpression"/>. Properties come from
/// <paramref name="property"/> as string, double, bool, DateOnly, Geometry or null. A comparison with NULL, or
/// between values of different types, is false (so <c>NOT</c> of it is true), as is a spatial or temporal function
/// given a NULL. Time is in days: a timestamp counts as its date in <paramref name="zone"/> (the bureau's day);
/// an INTERVAL's end that is NULL or ".." is open. Pure and thread-safe for a given property function.
/// </summary>
public sealed class CqlEvaluator(Func<string, object?> property, TimeZoneInfo zone)
{
    public bool Matches(CqlExpression expression) => expression switch
    {
        CqlExpression.And a => a.Terms.All(Matches),
        CqlExpression.Or o => o.Terms.Any(Matches),
        CqlExpression.Not n => !Matches(n.Term),
        CqlExpression.Literal { Value: bool b } => b,
        CqlExpression.Comparison c => Compare(Value(c.Left), Value(c.Right)) is { } order && c.Operator switch
        {
            "=" => order == 0,
            "<>" => order != 0,
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        },
        CqlExpression.Like l => Value(l.Value) is string text && Value(l.Pattern) is string pattern &&
                                Pattern(pattern).IsMatch(text),
        CqlExpression.Between b => Value(b.Value) is var v && Compare(v, Value(b.Low)) >= 0 &&
                                   Compare(v, Value(b.High)) <= 0,
        CqlExpression.In i => Value(i.Value) is var v && i.List.Any(item => Compare(v, Value(item)) == 0),
        CqlExpression.IsNull n => Value(n.Value) is null,
        CqlExpression.Spatial s => Value(s.Left) is Geometry a && Value(s.Right) is Geometry b && Spatial(s.Operator, a, b),
        CqlExpression.Temporal t => Days(t.Left) is { } a && Days(t.Right) is { } b && Temporal(t.Operator, a, b),
        _ => false,
    };

    /// <summary>The relations of two closed intervals of days (an instant is a one-day interval), as CQL2 defines
    /// them after Allen.</summary>
    public static bool Temporal(string op, (DateOnly Start, DateOnly End) a, (DateOnly Start, DateOnly End) b) => op switch
    {
        "T_AFTER" => a.Start > b.End,
        "T_BEFORE" => a.End < b.Start,
        "T_CONTAINS" => a.Start < b.Start && a.End > b.End,
        "T_DISJOINT" => a.End < b.Start || a.Start > b.End,
        "T_DURING" => a.Start > b.Start && a.End < b.End,
        "T_EQUALS" => a.Start == b.Start && a.End == b.End,
        "T_FINISHEDBY" => a.Start < b.Start && a.End == b.End,
        "T_FINISHES" => a.Start > b.Start && a.End == b.End,
        "T_INTERSECTS" => a.Start <= b.End && a.End >= b.Start,
        "T_MEETS" => a.End == b.Start,
        "T_METBY" => a.Start == b.End,
        "T_OVERLAPPEDBY" => a.Start > b.Start && a.Start < b.End && a.End > b.End,
        "T_OVERLAPS" => a.Start < b.Start && a.End > b.Start && a.End < b.End,
        "T_STARTEDBY" => a.Start == b.Start && a.End > b.End,
        "T_STARTS" => a.Start == b.Start && a.End < b.End,
        _ => false,
    };

    private static bool Spatial(string op, Geometry a, Geometry b) => op switch
    {
        "S_INTERSECTS" => a.Intersects(b),
        "S_EQUALS" => a.EqualsTopologically(b),
        "S_DISJOINT" => a.Disjoint(b),
        "S_TOUCHES" => a.Touches(b),
        "S_WITHIN" => a.Within(b),
        "S_OVERLAPS" => a.Overlaps(b),
        "S_CROSSES" => a.Crosses(b),
        "S_CONTAINS" => a.Contains(b),
        _ => false,
    };

    /// <summary>A LIKE pattern as a regular expression: % any run, _ one character, \ escapes the next.</summary>
    private static Regex Pattern(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            }
            else
            {
                regex.Append(c switch
                {
                    '%' => ".*",
                    '_' => ".",
                    _ => Regex.Escape(c.ToString()),
                });
            }
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
    }

    private object? Value(CqlExpression expression) => expression switch
    {
        CqlExpression.Literal { Value: DateTimeOffset instant } => Day(instant),
        CqlExpression.Literal l => l.Value,
        CqlExpression.Property p => property(p.Name) is DateTimeOffset instant ? Day(instant) : property(p.Name),
        _ => null,
    };

    private (DateOnly Start, DateOnly End)? Days(CqlExpression expression)
    {
        if (expression is CqlExpression.Interval interval)
        {
            var start = interval.Start is null ? DateOnly.MinValue : Value(interval.Start) as DateOnly? ?? DateOnly.MinValue;
            var end = interval.End is null ? DateOnly.MaxValue : Value(interval.End) as DateOnly? ?? DateOnly.MaxValue;
            return start <= end ? (start, end) : null;
        }

        return Value(expression) is DateOnly day ? (day, day) : null;
    }

    private DateOnly Day(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The order of two values of one type; null when either is NULL or their types differ.</summary>
    private static int? Compare(object? a, object? b) => (a, b) switch
    {
        (string x, string y) => Math.Sign(string.CompareOrdinal(x, y)),
        (double x, double y) => x.CompareTo(y),
        (bool x, bool y) => x.CompareTo(y),
        (DateOnly x, DateOnly y) => x.CompareTo(y),
        _ => null,
    };
}
