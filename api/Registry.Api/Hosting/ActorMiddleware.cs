using System.Security.Claims;
using Orleans.Runtime;
using Registry.Abstractions.Auditing;

namespace Registry.Api.Hosting;

/// <summary>Names the authenticated user in Orleans' request context, so grain history records who acted.</summary>
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
            }

            await next(context);
        });
}
