using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Statistics;
using Registry.Api.ErrorHandling;
using Registry.Api.Hosting;
using Registry.Api.Statistics;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Registry.Api.Endpoints;

/// <summary>
/// Annual statistics (issue 18): the figures of a period rolled up by division as of the period's end, and per
/// office on request, from the statistics read model, as JSON or CSV. <c>admin</c> reads every domain nationally; a
/// registrar reads their own domain's figures for the offices within their office claim (the national office
/// 100000: all).
/// </summary>
public static class StatisticsEndpoints
{
    /// <summary>The longest period answered at once.</summary>
    public const int MaxYears = 10;

    private static readonly IReadOnlyDictionary<string, string> DomainOfRole = new Dictionary<string, string>
    {
        [RegistryPolicies.MarriageRegistrar] = StatisticsFigures.Marriage,
        [RegistryPolicies.OrganizationRegistrar] = StatisticsFigures.Organizations,
        [RegistryPolicies.PlaceRegistrar] = StatisticsFigures.Places,
        [RegistryPolicies.BoundaryRegistrar] = StatisticsFigures.Boundaries,
    };

    public static IEndpointRouteBuilder MapStatisticsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/statistics", GetStatistics)
            .WithTags("Statistics")
            .WithName(nameof(GetStatistics))
            .WithSummary("The figures of a period per office and rolled up by division, as JSON or CSV")
            .RequireAuthorization(StatisticsHosting.StatisticsReaders)
            .Produces(StatusCodes.Status200OK, contentType: StatisticsCsv.ContentType)
            .ProducesReadProblems();
        return routes;
    }

    /// <summary>The query parameters <c>GET /api/statistics</c> accepts; any other is refused.</summary>
    private static readonly string[] Parameters = ["from", "to", "division", "offices", "format"];

    public static async Task<Results<StatisticsJsonResult, FileContentHttpResult>> GetStatistics(
        string? from, string? to, string? division, string? offices, string? format, HttpContext context,
        StatisticsQuery query, DivisionLineageCache lineages, IOptions<JsonOptions> json)
    {
        var checks = new RequestChecks();
        checks.KnownParametersOnly(context.Request.Query, Parameters);
        checks.Required("from", from).Required("to", to);
        var first = checks.Date("from", from);
        var last = checks.Date("to", to);
        if (first is { } f && last is { } l && (f > l || l > f.AddYears(MaxYears).AddDays(-1)))
        {
            checks.Fail("to", "statistics-period",
                $"'to' is on or after 'from', and the period is at most {MaxYears} years.");
        }

        if (division is not null && division != Jurisdiction.NationalOffice)
        {
            checks.DivisionCode("division", division);
        }

        var csv = format switch
        {
            null => context.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv",
                StringComparison.OrdinalIgnoreCase)),
            "json" => false,
            "csv" => true,
            _ => checks.Fail("format", "statistics-format", "'format' is json or csv.") is null,
        };
        bool? listOffices = offices switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => checks.Fail("offices", "statistics-offices", "'offices' is true or false.") is null,
        };
        checks.ThrowIfAny();

        var (domains, office) = Reader(context.User);
        var scope = division ?? office;
        DivisionLevel? level = null;
        if (scope != Jurisdiction.NationalOffice)
        {
            var lineage = await lineages.LineageAsync(scope, last!.Value)
                ?? throw DomainException.NotFound("division-not-found", $"No division with code {scope} is recorded.");
            if (!Jurisdiction.Covers(office, lineage.Select(d => d.Code)))
            {
                throw DomainException.Forbidden(Jurisdiction.OutsideRule,
                    $"A registrar of office {office} reads the statistics of that office and the divisions under it; " +
                    $"this request is for division {scope}.");
            }

            level = lineage[0].Level;
        }

        // By default a national or province answer gives the roll-up rows and the offices come on request; below
        // (a prefecture's ten-odd counties, a county) and in the CSV export (Excel users filter it themselves) every
        // office is listed.
        var withOffices = listOffices ?? (csv || level is not (null or DivisionLevel.Province));
        // The answer's bytes are kept with it: a question asked again writes them instead of serializing the rows.
        var answer = await query.AnswerAsync(first!.Value, last!.Value, scope, domains, withOffices);
        if (csv)
        {
            return TypedResults.File(answer.Csv(), StatisticsCsv.ContentType,
                $"statistics-{scope}-{first:yyyyMMdd}-{last:yyyyMMdd}.csv");
        }

        return new StatisticsJsonResult(answer.Json(json.Value.SerializerOptions));
    }

    /// <summary>The domains the caller reads and the office they read for: <c>admin</c> every domain nationally;
    /// a registrar their roles' domains within their office claim.</summary>
    private static (IReadOnlySet<string> Domains, string Office) Reader(ClaimsPrincipal user)
    {
        if (user.IsInRole(RegistryPolicies.Admin))
        {
            return (StatisticsFigures.All.Select(f => f.Domain).ToHashSet(StringComparer.Ordinal),
                Jurisdiction.NationalOffice);
        }

        var domains = DomainOfRole.Where(pair => user.IsInRole(pair.Key)).Select(pair => pair.Value)
            .ToHashSet(StringComparer.Ordinal);
        return (domains, OfficeJurisdiction.OfficeOf(user));
    }
}
