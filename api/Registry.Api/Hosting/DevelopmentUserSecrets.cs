using System.Reflection;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Configuration.UserSecrets;
using Microsoft.Extensions.FileProviders;

namespace Registry.Api.Hosting;

/// <summary>
/// In development the bearer signing keys are the ones <c>dotnet user-jwts create</c> writes to the user secrets.
/// ASP.NET Core reads the secrets file from its directory and watches it for changes only when that directory exists
/// when the service starts; otherwise it looks for <c>secrets.json</c> in the content root, where nothing ever writes
/// it. On a fresh machine the README's order (start the service, then make a token) is exactly that case: the first
/// <c>user-jwts create</c> makes the directory and the key after the start, and every token was refused with 401 "The
/// signature key was not found" until a restart. So a development start makes the directory and reads the file there,
/// in the place of the default source (the sources after it, the environment and the command line, still win); a key
/// written later reloads the configuration, and <see cref="CachedSigningKeys"/> drops what it cached.
/// </summary>
public static class DevelopmentUserSecrets
{
    private const string FileName = "secrets.json";

    public static WebApplicationBuilder WatchDevelopmentUserSecrets(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment() || string.IsNullOrEmpty(builder.Environment.ApplicationName))
        {
            return builder;
        }

        // The assembly whose secrets ASP.NET Core loads in development: the application's.
        var id = Assembly.Load(new AssemblyName(builder.Environment.ApplicationName))
            .GetCustomAttribute<UserSecretsIdAttribute>()?.UserSecretsId;
        var sources = builder.Configuration.Sources;
        var at = sources.ToList().FindIndex(source => source is JsonConfigurationSource { Path: FileName });
        if (id is null || at < 0)
        {
            return builder;
        }

        var directory = Path.GetDirectoryName(PathHelper.GetSecretsPathFromSecretsId(id))!;
        if (sources[at] is JsonConfigurationSource { FileProvider: PhysicalFileProvider watched } &&
            Path.TrimEndingDirectorySeparator(watched.Root) == Path.TrimEndingDirectorySeparator(directory))
        {
            return builder;
        }

        Directory.CreateDirectory(directory);
        sources[at] = new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(directory),
            Path = FileName,
            Optional = true,
            ReloadOnChange = true,
        };
        return builder;
    }
}
