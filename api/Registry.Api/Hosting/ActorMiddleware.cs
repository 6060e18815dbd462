using System.Security.Claims;
using Orleans.Runtime;
using Registry.Abstractions.Auditing;
using Registry.Abstractions.Divisions;

namespace Registry.Api.Hosting;

/// <summary>Names the authenticated user and their office in Orleans' request context, so grain history records who
/// acted and for which office.</summary>
public static class ActorMiddleware
{
    public static IApplicationBuilder UseRegistryActor(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var user = context.User;
            if (user.Identity?.IsAuthenticated == true)
            {
                var name = user.Identity.Name
                    ?? user.FindFirstValue(ClaimTypes.NameIdentifier)
                    ?? user.FindFirstValue("sub")
                    ?? "unnamed";
                RequestContext.Set(AuditScope.ActorKey, name);
                if (user.FindFirstValue(Jurisdiction.OfficeClaim) is { } office && Jurisdiction.IsOffice(office))
                {
                    RequestContext.Set(AuditScope.OfficeKey, office);
                }
            }

            await next(context);
        });
}
