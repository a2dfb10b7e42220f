namespace TestInfrastructure;

public static class Repository
{
    /// <summary>The checkout the tests run from: where the solution file is.</summary>
    public static string Root { get; } = FindRoot();

    public static string LocalFolder(params string[] parts) => Path.Combine([Root, ".local", .. parts]);

    public static string Script(string relativePath) => Path.Combine(Root, relativePath);

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ParkEnforcement.slnx"))) return dir.FullName;
        throw new InvalidOperationException("The tests must run inside the repository (ParkEnforcement.slnx not found above the test binaries).");
    }
}
