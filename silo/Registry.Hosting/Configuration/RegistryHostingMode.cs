namespace Registry.Hosting.Configuration;

/// <summary>Where the API's grains run.</summary>
public enum RegistryHostingMode
{
    /// <summary>A silo in the API process, localhost clustering, embedded storage: nothing else to run.</summary>
    Embedded = 0,

    /// <summary>The API is an Orleans client of a silo cluster started separately.</summary>
    Client = 1,
}
