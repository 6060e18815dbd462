using System.Security.Claims;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Errors;
using Registry.Abstractions.Grains;
using Registry.Abstractions.Time;

namespace Registry.Api.Hosting;

/// <summary>
/// The one place a registrar's office is checked against the record a write touches (DOMAIN.md, Jurisdiction): the
/// token's <c>office</c> claim, and the division registry's parent chain as of the bureau's day through
/// <see cref="IDivisionGrain.GetLineageAsync"/>. Refusals are 403 problems naming
/// <see cref="Jurisdiction.ClaimMissingRule"/> or <see cref="Jurisdiction.OutsideRule"/>. Endpoints do not call it
/// directly: each write names its target once with <see cref="OfficeJurisdictionFilter.RequireOffice{TBuilder}"/>.
/// Thread-safe (stateless).
/// </summary>
public sealed class OfficeJurisdiction(IGrainFactory grains, BureauClock clock)
{
    /// <summary>The roles that act for an office; other roles (admin, gis, organization) are not bound to one.</summary>
    public static IReadOnlyList<string> RegistrarRoles { get; } =
    [
        RegistryPolicies.MarriageRegistrar, RegistryPolicies.OrganizationRegistrar, RegistryPolicies.PlaceRegistrar,
        RegistryPolicies.BoundaryRegistrar,
    ];

    public IGrainFactory Grains => grains;

    /// <summary>True when the caller acts as a registrar (holds a registrar role), so jurisdiction applies.</summary>
    public static bool AppliesTo(ClaimsPrincipal user) => RegistrarRoles.Any(user.IsInRole);

    /// <summary>The caller's office, or a 403 <c>office-claim-missing</c>.</summary>
    public static string OfficeOf(ClaimsPrincipal user)
    {
        var office = user.FindFirst(Jurisdiction.OfficeClaim)?.Value;
        return Jurisdiction.IsOffice(office)
            ? office!
            : throw DomainException.Forbidden(Jurisdiction.ClaimMissingRule,
                $"A registrar's token must carry the '{Jurisdiction.OfficeClaim}' claim: the division code of the " +
                "office the registrar works for.");
    }

    /// <summary>The act happens at <paramref name="target"/> itself (marriage and divorce: the registrar's own
    /// office).</summary>
    public static void RequireAt(string office, string target)
    {
        if (office != target)
        {
            throw Outside(office, $"office {target}; a registrar acts at their own office only");
        }
    }

    /// <summary>The record lies in <paramref name="target"/>, which must be the office or lie under it today.</summary>
    public async Task RequireWithinAsync(string office, string target)
    {
        if (!await CoversAsync(office, target))
        {
            throw Outside(office, $"division {Shown(target)}");
        }
    }

    /// <summary>
    /// A record registered by <paramref name="registeringOffice"/> (an organization): the office holding it today must
    /// be the caller's office or lie under it. While the registering office's division is in force it holds its
    /// records. When it has ended, its records pass as its files do: to the one successor the division history names
    /// (the new code of a recoding, the division it was merged into), followed through later changes; a division that
    /// ended without one successor (split, abolished, or no longer listed with no change recorded) leaves them to the
    /// office above it as it last was. The ended office itself acts for none of them: its code is no office today.
    /// </summary>
    public async Task RequireHoldingOfficeAsync(string office, string registeringOffice)
    {
        if (office == Jurisdiction.NationalOffice)
        {
            return;
        }

        var code = registeringOffice;
        for (var step = 0; step < MaxSuccessions; step++)
        {
            var division = grains.Get<IDivisionGrain>(code);
            IReadOnlyList<DivisionSummary> lineage;
            try
            {
                lineage = await division.GetLineageAsync(clock.Today);
            }
            catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
            {
                break; // a division no list records lies under no office
            }

            if (lineage[0].Status == DivisionStatus.InForce)
            {
                if (Jurisdiction.Covers(office, lineage.Select(d => d.Code)))
                {
                    return;
                }

                throw code == registeringOffice
                    ? Outside(office, $"division {Shown(code)}")
                    : Outside(office, $"a record registered by office {registeringOffice}, whose division has ended; " +
                        $"office {code} holds its records now");
            }

            var details = await division.GetAsync(clock.Today);
            if (details.Status is DivisionStatus.Recoded or DivisionStatus.Merged && details.SuccessorCode is { } successor)
            {
                code = successor;
                continue;
            }

            // No single successor: the office above, as the division last was.
            var lastDay = details.ValidTo?.AddDays(-1);
            var above = lastDay is { } day ? (await division.GetLineageAsync(day)).Skip(1).FirstOrDefault() : null;
            if (above is null)
            {
                break;
            }

            code = above.Code;
        }

        throw Outside(office, $"a record registered by office {registeringOffice}, whose division has ended with no " +
            "office holding its records recorded; the national office acts for it");
    }

    /// <summary>Changes followed from a registering office to the office holding its records (a county recoded,
    /// then merged, is two).</summary>
    private const int MaxSuccessions = 8;

    /// <summary>A boundary line between two divisions: at least one side must be within the office.</summary>
    public async Task RequireTouchingAsync(string office, string divisionA, string divisionB)
    {
        if (!await CoversAsync(office, divisionA) && !await CoversAsync(office, divisionB))
        {
            throw Outside(office, $"the line between {Shown(divisionA)} and {Shown(divisionB)}");
        }
    }

    /// <summary>An act only the national office performs (bulk imports across the country).</summary>
    public static void RequireNational(string office, string act)
    {
        if (office != Jurisdiction.NationalOffice)
        {
            throw Outside(office, $"{act}, which the national office ({Jurisdiction.NationalOffice}) performs");
        }
    }

    private async Task<bool> CoversAsync(string office, string target)
    {
        if (Jurisdiction.CoversWithoutLineage(office, target))
        {
            return true;
        }

        if (Jurisdiction.IsReferenceArea(target) || !DivisionCode.IsWellFormed(target))
        {
            return false;
        }

        try
        {
            var lineage = await grains.Get<IDivisionGrain>(target).GetLineageAsync(clock.Today);
            return Jurisdiction.Covers(office, lineage.Select(division => division.Code));
        }
        catch (DomainException e) when (e.Kind == DomainErrorKind.NotFound)
        {
            return false; // a division no list records lies under no office
        }
    }

    private static string Shown(string code) => code.Length == 0 ? "(none)" : code;

    private static DomainException Outside(string office, string what) =>
        DomainException.Forbidden(Jurisdiction.OutsideRule,
            $"A registrar of office {office} acts for that office and the divisions under it; this request is for " +
            $"{what}.");
}
