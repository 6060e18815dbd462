using Registry.Abstractions.Boundaries;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Marriages;
using Registry.Abstractions.Organizations;
using Registry.Abstractions.Places;

namespace Registry.Api.Hosting;

/// <summary>
/// The targets of the registry's writes, one per kind of record (DOMAIN.md, Jurisdiction):
/// marriage and divorce at the registrar's own office; organizations registered by the office or an office under
/// it; place names within its division; boundary lines touching its division, and each side of a joint inspection
/// signed by that side. A value the request gives in the wrong format is left to the handler's 400; a record read
/// here that does not exist is left to the handler too, so a malformed body is still its 400 before the grain's 404.
/// </summary>
public static class OfficeTargets
{
    /// <summary>Any office: the claim is required, the act is not territorial (a court judgment is entered by
    /// whichever office receives it).</summary>
    public static OfficeTarget AnyOffice { get; } = (_, _, _) => ValueTask.CompletedTask;

    /// <summary>Only the national office (imports that cross the whole country).</summary>
    public static OfficeTarget National { get; } = (_, office, _) =>
    {
        OfficeJurisdiction.RequireNational(office, "a bulk import");
        return ValueTask.CompletedTask;
    };

    /// <summary>The organization of route value <c>uscc</c>: the office holding its records today (its registering
    /// office, or that office's successor once its division has ended) must lie within the caller's.</summary>
    public static OfficeTarget Organization { get; } = async (call, office, jurisdiction) =>
    {
        if (office == Jurisdiction.NationalOffice || Route(call, "uscc") is not { } uscc ||
            !UnifiedSocialCreditCode.IsWellFormed(uscc))
        {
            return;
        }

        if (await ExistingAsync(() => jurisdiction.Grains.Get<IOrganizationGrain>(uscc).GetAsync()) is { } organization)
        {
            await jurisdiction.RequireHoldingOfficeAsync(office, organization.RegisteringOffice);
        }
    };

    /// <summary>The place name of route value <c>id</c>: its division must lie within the caller's.</summary>
    public static OfficeTarget PlaceName { get; } = async (call, office, jurisdiction) =>
    {
        if (office == Jurisdiction.NationalOffice || Route(call, "id") is not { } id || id.Length > 100 ||
            !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return;
        }

        if (await ExistingAsync(() => jurisdiction.Grains.Get<IPlaceNameGrain>(id).GetAsync()) is { } place)
        {
            await jurisdiction.RequireWithinAsync(office, place.DivisionCode);
        }
    };

    /// <summary>The division (or reference area) of route value <c>code</c>.</summary>
    public static OfficeTarget Division { get; } = async (call, office, jurisdiction) =>
    {
        if (Route(call, "code") is { } code)
        {
            await jurisdiction.RequireWithinAsync(office, code);
        }
    };

    /// <summary>The boundary line of route value <c>number</c>: one of its sides within the caller's office.</summary>
    public static OfficeTarget Line { get; } = async (call, office, jurisdiction) =>
        await TouchingLineAsync(Route(call, "number"), office, jurisdiction);

    /// <summary>The marker of route value <c>number</c>: the line it stands on touches the caller's office.</summary>
    public static OfficeTarget Marker { get; } = async (call, office, jurisdiction) =>
        await TouchingLineAsync(MarkerNumber.Parse(Route(call, "number"))?.LineNumber, office, jurisdiction);

    /// <summary>The joint inspection of route value <c>id</c>: one of its sides within the caller's office.</summary>
    public static OfficeTarget Inspection { get; } = async (call, office, jurisdiction) =>
    {
        if (office == Jurisdiction.NationalOffice || Route(call, "id") is not { } id)
        {
            return;
        }

        var inspection = await ExistingAsync(() => jurisdiction.Grains.Get<IJointInspectionGrain>(id).GetAsync());
        if (inspection?.Sides is [var a, var b])
        {
            await jurisdiction.RequireTouchingAsync(office, a, b);
        }
    };

    /// <summary>The divorce application of route value <c>id</c>, handled at the office that received it.</summary>
    public static OfficeTarget DivorceApplication { get; } = async (call, office, jurisdiction) =>
    {
        if (Route(call, "id") is { } id && DivorceApplicationId.TryParse(id, out var marriageId, out var sequence))
        {
            if (await ExistingAsync(() => jurisdiction.Grains.Get<IMarriageGrain>(marriageId)
                    .GetDivorceApplicationAsync(sequence)) is { } application)
            {
                OfficeJurisdiction.RequireAt(office, application.Office);
            }
        }
    };

    /// <summary>
    /// An act at the office a request of type <typeparamref name="T"/> names (<paramref name="officeOf"/>), which must
    /// be the caller's own; an omitted office becomes the caller's (<paramref name="withOffice"/>).
    /// </summary>
    public static OfficeTarget AtOffice<T>(Func<T, string?> officeOf, Func<T, string, T> withOffice) =>
        (call, office, _) =>
        {
            for (var i = 0; i < call.Arguments.Count; i++)
            {
                if (call.Arguments[i] is T request)
                {
                    if (officeOf(request) is not { } requested)
                    {
                        call.Arguments[i] = withOffice(request, office);
                    }
                    else if (DivisionCode.IsWellFormed(requested))
                    {
                        OfficeJurisdiction.RequireAt(office, requested);
                    }
                }
            }

            return ValueTask.CompletedTask;
        };

    /// <summary>A division a request of type <typeparamref name="T"/> names, which must lie within the caller's
    /// office.</summary>
    public static OfficeTarget Within<T>(Func<T, string?> divisionOf) => async (call, office, jurisdiction) =>
    {
        if (Argument<T>(call) is { } request && divisionOf(request) is { } division && Checkable(division))
        {
            await jurisdiction.RequireWithinAsync(office, division);
        }
    };

    /// <summary>A line between the two divisions a request names: one of them within the caller's office.</summary>
    public static OfficeTarget Touching<T>(Func<T, string?> divisionA, Func<T, string?> divisionB) =>
        async (call, office, jurisdiction) =>
        {
            if (Argument<T>(call) is { } request && divisionA(request) is { } a && divisionB(request) is { } b &&
                Checkable(a) && Checkable(b))
            {
                await jurisdiction.RequireTouchingAsync(office, a, b);
            }
        };

    /// <summary>A marker whose number a request names: its line must touch the caller's office.</summary>
    public static OfficeTarget MarkerOf<T>(Func<T, string?> numberOf) => async (call, office, jurisdiction) =>
    {
        if (Argument<T>(call) is { } request)
        {
            await TouchingLineAsync(MarkerNumber.Parse(numberOf(request))?.LineNumber, office, jurisdiction);
        }
    };

    private static async Task TouchingLineAsync(string? number, string office, OfficeJurisdiction jurisdiction)
    {
        if (office == Jurisdiction.NationalOffice || !BoundaryLineNumber.IsWellFormed(number))
        {
            return;
        }

        if (await ExistingAsync(() => jurisdiction.Grains.Get<IBoundaryLineGrain>(number!).GetAsync()) is { } line)
        {
            await jurisdiction.RequireTouchingAsync(office, line.DivisionA, line.DivisionB);
        }
    }

    /// <summary>The record <paramref name="read"/> returns, or null when it does not exist: the handler then checks the
    /// request and the grain answers its 404.</summary>
    private static async Task<T?> ExistingAsync<T>(Func<Task<T>> read) where T : class
    {
        try
        {
            return await read();
        }
        catch (Registry.Abstractions.Errors.DomainException e) when (e.Kind == Registry.Abstractions.Errors.DomainErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>A division key worth checking: a registry code or a reference area; anything else is the handler's
    /// 400.</summary>
    private static bool Checkable(string key) => DivisionCode.IsWellFormed(key) || Jurisdiction.IsReferenceArea(key);

    private static T? Argument<T>(EndpointFilterInvocationContext call) => call.Arguments.OfType<T>().FirstOrDefault();

    private static string? Route(EndpointFilterInvocationContext call, string name) =>
        call.HttpContext.Request.RouteValues[name] as string;
}
