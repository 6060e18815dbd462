using NetTopologySuite.Geometries;

namespace Registry.Api.Ogc;

/// <summary>
/// A parsed CQL2 filter (OGC 21-065r2), the same tree for the text and the JSON encoding. Immutable; built by
/// <see cref="CqlTextParser"/> and <see cref="CqlJsonParser"/>, evaluated by <see cref="CqlEvaluator"/>. Literal
/// geometries are in the filter's CRS as written (<see cref="CqlEvaluator"/> is given them in CRS84).
/// </summary>
public abstract record CqlExpression
{
    /// <summary>A string, number (double), boolean, date, timestamp or geometry literal; null is NULL.</summary>
    public sealed record Literal(object? Value) : CqlExpression;

    /// <summary>A queryable named in the filter.</summary>
    public sealed record Property(string Name) : CqlExpression;

    /// <summary>INTERVAL(start, end): each end a date, timestamp, property, or null for an open end ("..").</summary>
    public sealed record Interval(CqlExpression? Start, CqlExpression? End) : CqlExpression;

    /// <summary>=, &lt;&gt;, &lt;, &lt;=, &gt;, &gt;=.</summary>
    public sealed record Comparison(string Operator, CqlExpression Left, CqlExpression Right) : CqlExpression;

    /// <summary>LIKE with % (any run), _ (one character) and \ (escape).</summary>
    public sealed record Like(CqlExpression Value, CqlExpression Pattern) : CqlExpression;

    public sealed record Between(CqlExpression Value, CqlExpression Low, CqlExpression High) : CqlExpression;

    public sealed record In(CqlExpression Value, IReadOnlyList<CqlExpression> List) : CqlExpression;

    public sealed record IsNull(CqlExpression Value) : CqlExpression;

    public sealed record And(IReadOnlyList<CqlExpression> Terms) : CqlExpression;

    public sealed record Or(IReadOnlyList<CqlExpression> Terms) : CqlExpression;

    public sealed record Not(CqlExpression Term) : CqlExpression;

    /// <summary>S_INTERSECTS, S_EQUALS, S_DISJOINT, S_TOUCHES, S_WITHIN, S_OVERLAPS, S_CROSSES, S_CONTAINS (upper
    /// case).</summary>
    public sealed record Spatial(string Operator, CqlExpression Left, CqlExpression Right) : CqlExpression;

    /// <summary>T_AFTER ... T_STARTS (upper case), on instants and intervals of days.</summary>
    public sealed record Temporal(string Operator, CqlExpression Left, CqlExpression Right) : CqlExpression;

    public static IReadOnlySet<string> SpatialOperators { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "S_INTERSECTS", "S_EQUALS", "S_DISJOINT", "S_TOUCHES", "S_WITHIN", "S_OVERLAPS", "S_CROSSES", "S_CONTAINS",
    };

    public static IReadOnlySet<string> TemporalOperators { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "T_AFTER", "T_BEFORE", "T_CONTAINS", "T_DISJOINT", "T_DURING", "T_EQUALS", "T_FINISHEDBY", "T_FINISHES",
        "T_INTERSECTS", "T_MEETS", "T_METBY", "T_OVERLAPPEDBY", "T_OVERLAPS", "T_STARTEDBY", "T_STARTS",
    };

    /// <summary>Every property the filter names (to check them against the queryables).</summary>
    public IEnumerable<Property> Properties() => this switch
    {
        Property p => [p],
        Interval i => new[] { i.Start, i.End }.OfType<CqlExpression>().SelectMany(e => e.Properties()),
        Comparison c => c.Left.Properties().Concat(c.Right.Properties()),
        Like l => l.Value.Properties().Concat(l.Pattern.Properties()),
        Between b => b.Value.Properties().Concat(b.Low.Properties()).Concat(b.High.Properties()),
        In i => i.Value.Properties().Concat(i.List.SelectMany(e => e.Properties())),
        IsNull n => n.Value.Properties(),
        And a => a.Terms.SelectMany(t => t.Properties()),
        Or o => o.Terms.SelectMany(t => t.Properties()),
        Not n => n.Term.Properties(),
        Spatial s => s.Left.Properties().Concat(s.Right.Properties()),
        Temporal t => t.Left.Properties().Concat(t.Right.Properties()),
        _ => [],
    };

    /// <summary>The same filter with every literal geometry passed through <paramref name="map"/> (axis order).</summary>
    public CqlExpression MapGeometries(Func<Geometry, Geometry> map) => this switch
    {
        Literal { Value: Geometry g } => new Literal(map(g)),
        Comparison c => c with { Left = c.Left.MapGeometries(map), Right = c.Right.MapGeometries(map) },
        And a => new And(a.Terms.Select(t => t.MapGeometries(map)).ToList()),
        Or o => new Or(o.Terms.Select(t => t.MapGeometries(map)).ToList()),
        Not n => new Not(n.Term.MapGeometries(map)),
        Spatial s => s with { Left = s.Left.MapGeometries(map), Right = s.Right.MapGeometries(map) },
        _ => this,
    };
}
