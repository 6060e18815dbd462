namespace Registry.Api.Hosting;

/// <summary>
/// What a write endpoint acts for, checked against the caller's <paramref name="office"/> with
/// <paramref name="jurisdiction"/>; throws a 403 domain exception to refuse. It may replace a bound argument (an
/// omitted office becomes the caller's). The catalogue is <see cref="OfficeTargets"/>.
/// </summary>
public delegate ValueTask OfficeTarget(EndpointFilterInvocationContext call, string office,
    OfficeJurisdiction jurisdiction);
