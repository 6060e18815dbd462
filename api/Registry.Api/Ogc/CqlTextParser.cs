using System.Globalization;
using System.Text;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Registry.Abstractions.Spatial;

namespace Registry.Api.Ogc;

/// <summary>
/// Parses CQL2 text (OGC 21-065r2, the <c>cql2-text</c> encoding): comparisons (=, &lt;&gt;, &lt;, &lt;=, &gt;,
/// &gt;=), LIKE, BETWEEN, IN, IS [NOT] NULL, AND/OR/NOT with parentheses, TRUE/FALSE, the spatial functions S_* on WKT
/// or BBOX literals and the temporal functions T_* on DATE, TIMESTAMP and INTERVAL literals. Keywords are
/// case-insensitive; property names are case-sensitive (double quotes allow any name). Pure; throws
/// <see cref="CqlException"/> naming the character (from 1) where the text stops being CQL2.
/// </summary>
public sealed class CqlTextParser
{
    private static readonly HashSet<string> GeometryKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING", "MULTIPOLYGON", "GEOMETRYCOLLECTION",
    };

    private static readonly HashSet<string> ComparisonOperators = new(StringComparer.Ordinal)
    {
        "=", "<>", "<", "<=", ">", ">=",
    };

    private readonly string text;
    private readonly List<Token> tokens;
    private int index;

    private CqlTextParser(string text)
    {
        this.text = text;
        tokens = Tokenize(text);
    }

    private enum Kind
    {
        Word,
        QuotedName,
        Text,
        Number,
        Symbol,
        End,
    }

    public static CqlExpression Parse(string text)
    {
        var parser = new CqlTextParser(text);
        var expression = parser.ParseOr();
        if (parser.Peek.Kind != Kind.End)
        {
            throw Error(parser.Peek, $"unexpected '{parser.Peek.Value}' after a complete filter");
        }

        return expression;
    }

    private Token Peek => tokens[index];

    private Token PeekAt(int ahead) => tokens[Math.Min(index + ahead, tokens.Count - 1)];

    private Token Next() => tokens[index < tokens.Count - 1 ? index++ : index];

    private CqlExpression ParseOr()
    {
        var terms = new List<CqlExpression> { ParseAnd() };
        while (IsWord(Peek, "OR"))
        {
            Next();
            terms.Add(ParseAnd());
        }

        return terms.Count == 1 ? terms[0] : new CqlExpression.Or(terms);
    }

    private CqlExpression ParseAnd()
    {
        var terms = new List<CqlExpression> { ParseNot() };
        while (IsWord(Peek, "AND"))
        {
            Next();
            terms.Add(ParseNot());
        }

        return terms.Count == 1 ? terms[0] : new CqlExpression.And(terms);
    }

    private CqlExpression ParseNot()
    {
        if (IsWord(Peek, "NOT"))
        {
            Next();
            return new CqlExpression.Not(ParseNot());
        }

        return ParsePrimary();
    }

    private CqlExpression ParsePrimary()
    {
        var start = Peek;
        if (IsSymbol(start, "("))
        {
            Next();
            var inner = ParseOr();
            Expect(")");
            return inner;
        }

        if (start.Kind == Kind.Word && IsSymbol(PeekAt(1), "("))
        {
            var name = start.Value.ToUpperInvariant();
            if (CqlExpression.SpatialOperators.Contains(name) || CqlExpression.TemporalOperators.Contains(name))
            {
                Next();
                Next();
                var left = ParseOperand();
                Expect(",");
                var right = ParseOperand();
                Expect(")");
                return name.StartsWith("S_", StringComparison.Ordinal)
                    ? new CqlExpression.Spatial(name, left, right)
                    : new CqlExpression.Temporal(name, left, right);
            }
        }

        if (start.Kind == Kind.End)
        {
            throw Error(start, "the filter ends where a condition was expected");
        }

        var value = ParseOperand();
        var negated = false;
        if (IsWord(Peek, "NOT") && (IsWord(PeekAt(1), "LIKE") || IsWord(PeekAt(1), "BETWEEN") ||
                                    IsWord(PeekAt(1), "IN")))
        {
            Next();
            negated = true;
        }

        CqlExpression? predicate = null;
        if (IsWord(Peek, "LIKE"))
        {
            Next();
            predicate = new CqlExpression.Like(value, ParseOperand());
        }
        else if (IsWord(Peek, "BETWEEN"))
        {
            Next();
            var low = ParseOperand();
            if (!IsWord(Peek, "AND"))
            {
                throw Error(Peek, "BETWEEN needs 'low AND high'");
            }

            Next();
            predicate = new CqlExpression.Between(value, low, ParseOperand());
        }
        else if (IsWord(Peek, "IN"))
        {
            Next();
            Expect("(");
            var list = new List<CqlExpression> { ParseOperand() };
            while (IsSymbol(Peek, ","))
            {
                Next();
                list.Add(ParseOperand());
            }

            Expect(")");
            predicate = new CqlExpression.In(value, list);
        }
        else if (!negated && IsWord(Peek, "IS"))
        {
            Next();
            var not = false;
            if (IsWord(Peek, "NOT"))
            {
                Next();
                not = true;
            }

            if (!IsWord(Peek, "NULL"))
            {
                throw Error(Peek, "expected NULL after IS");
            }

            Next();
            predicate = new CqlExpression.IsNull(value);
            return not ? new CqlExpression.Not(predicate) : predicate;
        }
        else if (!negated && Peek.Kind == Kind.Symbol && ComparisonOperators.Contains(Peek.Value))
        {
            var op = Next().Value;
            return new CqlExpression.Comparison(op, value, ParseOperand());
        }

        if (predicate is null)
        {
            if (!negated && value is CqlExpression.Literal { Value: bool })
            {
                return value;
            }

            throw Error(Peek.Kind == Kind.End ? start : Peek,
                "expected a comparison (=, <>, <, <=, >, >=, LIKE, BETWEEN, IN or IS NULL)");
        }

        return negated ? new CqlExpression.Not(predicate) : predicate;
    }

    /// <summary>A property or a literal (string, number, boolean, date, timestamp, interval, geometry).</summary>
    private CqlExpression ParseOperand()
    {
        var token = Peek;
        switch (token.Kind)
        {
            case Kind.Text:
                Next();
                return new CqlExpression.Literal(token.Value);
            case Kind.Number:
                Next();
                return new CqlExpression.Literal(double.Parse(token.Value, NumberStyles.Float,
                    CultureInfo.InvariantCulture));
            case Kind.QuotedName:
                Next();
                return new CqlExpression.Property(token.Value);
            case Kind.Word:
                break;
            default:
                throw Error(token, token.Kind == Kind.End
                    ? "the filter ends where a value was expected"
                    : $"expected a property or a value, found '{token.Value}'");
        }

        var word = token.Value.ToUpperInvariant();
        if (word is "TRUE" or "FALSE")
        {
            Next();
            return new CqlExpression.Literal(word == "TRUE");
        }

        if (!IsSymbol(PeekAt(1), "("))
        {
            if (GeometryKeywords.Contains(word) && PeekAt(1).Kind == Kind.Word)
            {
                return Geometry(token); // POINT Z (...), POLYGON EMPTY
            }

            Next();
            return new CqlExpression.Property(token.Value);
        }

        if (GeometryKeywords.Contains(word))
        {
            return Geometry(token);
        }

        Next();
        Next();
        switch (word)
        {
            case "DATE":
            {
                var date = Date(Next());
                Expect(")");
                return new CqlExpression.Literal(date);
            }

            case "TIMESTAMP":
            {
                var instant = Timestamp(Next());
                Expect(")");
                return new CqlExpression.Literal(instant);
            }

            case "INTERVAL":
            {
                var start = IntervalEnd();
                Expect(",");
                var end = IntervalEnd();
                Expect(")");
                return new CqlExpression.Interval(start, end);
            }

            case "BBOX":
            {
                var numbers = new List<double> { Number(Next()) };
                while (IsSymbol(Peek, ","))
                {
                    Next();
                    numbers.Add(Number(Next()));
                }

                Expect(")");
                return new CqlExpression.Literal(Box(numbers, token.Position.ToString(CultureInfo.InvariantCulture)));
            }

            default:
                throw Error(token, $"'{token.Value}' is not a function this service offers");
        }
    }

    private CqlExpression? IntervalEnd()
    {
        var token = Peek;
        if (token.Kind == Kind.Text)
        {
            Next();
            if (token.Value is ".." or "")
            {
                return null;
            }

            return new CqlExpression.Literal(token.Value.Length == 10 ? Date(token) : Timestamp(token));
        }

        var operand = ParseOperand();
        if (operand is CqlExpression.Property or CqlExpression.Literal { Value: DateOnly or DateTimeOffset })
        {
            return operand;
        }

        throw Error(token, "an interval's ends are dates, timestamps, properties or '..'");
    }

    /// <summary>A WKT literal: the keyword through its closing parenthesis, read by NetTopologySuite.</summary>
    private CqlExpression Geometry(Token keyword)
    {
        var depth = 0;
        var end = keyword;
        do
        {
            end = Next();
            if (end.Kind == Kind.End)
            {
                throw Error(keyword, "the geometry literal is not closed");
            }

            if (IsSymbol(end, "("))
            {
                depth++;
            }
            else if (IsSymbol(end, ")"))
            {
                depth--;
            }
        }
        while (depth > 0 || (depth == 0 && !IsSymbol(end, ")") && !IsWord(end, "EMPTY")));

        var wkt = text[(keyword.Position - 1)..(end.Position - 1 + end.Length)];
        Geometry geometry;
        try
        {
            geometry = new WKTReader(Wgs84.Factory.GeometryServices).Read(wkt);
        }
        catch (Exception e) when (e is ParseException or ArgumentException or FormatException or
                                      InvalidOperationException)
        {
            throw Error(keyword, $"the geometry literal is not valid WKT ({e.Message})");
        }

        if (!geometry.IsValid)
        {
            throw Error(keyword, "the geometry literal is not a valid geometry (e.g. its ring crosses itself)");
        }

        return new CqlExpression.Literal(geometry);
    }

    private static Geometry Box(IReadOnlyList<double> n, string position)
    {
        var (minX, minY, maxX, maxY) = n.Count switch
        {
            4 => (n[0], n[1], n[2], n[3]),
            6 => (n[0], n[1], n[3], n[4]),
            _ => throw new CqlException(position, "BBOX has 4 or 6 numbers"),
        };
        if (minX > maxX || minY > maxY)
        {
            throw new CqlException(position, "BBOX is (minX, minY, maxX, maxY) with min <= max");
        }

        return Wgs84.Factory.ToGeometry(new Envelope(minX, maxX, minY, maxY));
    }

    private DateOnly Date(Token token)
    {
        if (token.Kind == Kind.Text && DateOnly.TryParseExact(token.Value, "yyyy-MM-dd",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        throw Error(token, "a date is written 'YYYY-MM-DD'");
    }

    private DateTimeOffset Timestamp(Token token)
    {
        if (token.Kind == Kind.Text && token.Value.Contains('T', StringComparison.OrdinalIgnoreCase) &&
            (token.Value.EndsWith('Z') || token.Value.EndsWith('z') || token.Value.LastIndexOfAny(['+', '-']) > 10) &&
            DateTimeOffset.TryParse(token.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        throw Error(token, "a timestamp is RFC 3339 with its offset, e.g. '2024-05-01T08:00:00Z'");
    }

    private double Number(Token token) => token.Kind == Kind.Number
        ? double.Parse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture)
        : throw Error(token, "expected a number");

    private void Expect(string symbol)
    {
        if (!IsSymbol(Peek, symbol))
        {
            throw Error(Peek, Peek.Kind == Kind.End
                ? $"the filter ends where '{symbol}' was expected"
                : $"expected '{symbol}', found '{Peek.Value}'");
        }

        Next();
    }

    private static bool IsWord(Token token, string word) =>
        token.Kind == Kind.Word && string.Equals(token.Value, word, StringComparison.OrdinalIgnoreCase);

    private static bool IsSymbol(Token token, string symbol) => token.Kind == Kind.Symbol && token.Value == symbol;

    private static CqlException Error(Token token, string message) =>
        new($"character {token.Position.ToString(CultureInfo.InvariantCulture)}", message);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new Token(Kind.End, "", i + 1, 0));
                return tokens;
            }

            var start = i;
            var c = text[i];
            if (c == '\'' || c == '"')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new CqlException($"character {start + 1}",
                            c == '\'' ? "the string is not closed" : "the quoted name is not closed");
                    }

                    if (text[i] == c)
                    {
                        if (i + 1 < text.Length && text[i + 1] == c)
                        {
                            value.Append(c);
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(text[i++]);
                }

                tokens.Add(new Token(c == '\'' ? Kind.Text : Kind.QuotedName, value.ToString(), start + 1, i - start));
            }
            else if (char.IsDigit(c) || (c is '-' or '+' or '.' && i + 1 < text.Length &&
                                         (char.IsDigit(text[i + 1]) || text[i + 1] == '.')))
            {
                i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.' ||
                                           (text[i] is 'e' or 'E') ||
                                           (text[i] is '-' or '+' && text[i - 1] is 'e' or 'E')))
                {
                    i++;
                }

                var number = text[start..i];
                if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ||
                    !double.IsFinite(parsed))
                {
                    throw new CqlException($"character {start + 1}", $"'{number}' is not a number");
                }

                tokens.Add(new Token(Kind.Number, number, start + 1, i - start));
            }
            else if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or ':' or '.'))
                {
                    i++;
                }

                tokens.Add(new Token(Kind.Word, text[start..i], start + 1, i - start));
            }
            else if (c is '<' or '>')
            {
                i++;
                if (i < text.Length && (text[i] == '=' || (c == '<' && text[i] == '>')))
                {
                    i++;
                }

                tokens.Add(new Token(Kind.Symbol, text[start..i], start + 1, i - start));
            }
            else if (c is '=' or '(' or ')' or ',')
            {
                i++;
                tokens.Add(new Token(Kind.Symbol, c.ToString(), start + 1, 1));
            }
            else
            {
                throw new CqlException($"character {start + 1}", $"'{c}' has no meaning in CQL2 text here");
            }
        }
    }

    private sealed record Token(Kind Kind, string Value, int Position, int Length);
}
