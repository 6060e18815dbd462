namespace Registry.Storage.Tests.Servers;

/// <summary>Paths inside the repository the tests run from.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding Registry.sln, found upwards from the test's build output.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration and target framework of the running test (e.g. Debug, net10.0), so that
    /// other projects' outputs can be found beside it.</summary>
    public static (string Configuration, string Framework) Build
    {
        get
        {
            var output = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            return (Path.GetFileName(Path.GetDirectoryName(output)!), Path.GetFileName(output));
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Registry.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName
            ?? throw new InvalidOperationException("Registry.sln not found above " + AppContext.BaseDirectory);
    }
}
