namespace Registry.Api.Hosting;

/// <summary>
/// Attaches the jurisdiction check to a write endpoint in one line: <c>.RequireOffice(OfficeTargets.X)</c>. The check
/// runs after authorization and model binding and before the handler, only for callers acting as registrars, so a
/// refused request changes nothing.
/// </summary>
public static class OfficeJurisdictionFilter
{
    public static TBuilder RequireOffice<TBuilder>(this TBuilder builder, OfficeTarget target)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (call, next) =>
        {
            var user = call.HttpContext.User;
            if (OfficeJurisdiction.AppliesTo(user))
            {
                var office = OfficeJurisdiction.OfficeOf(user);
                await target(call, office, call.HttpContext.RequestServices.GetRequiredService<OfficeJurisdiction>());
            }

            return await next(call);
        }).WithMetadata(OfficeJurisdictionRequired.Instance);
}

/// <summary>Marks an endpoint whose writes are checked against the caller's office (<c>RequireOffice</c>), so a test
/// can find a write that is not.</summary>
public sealed class OfficeJurisdictionRequired
{
    public static OfficeJurisdictionRequired Instance { get; } = new();

    private OfficeJurisdictionRequired()
    {
    }
}
