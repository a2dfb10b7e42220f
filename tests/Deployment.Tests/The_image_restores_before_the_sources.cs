using TestInfrastructure;
using Xunit;

namespace Deployment.Tests;

/// <summary>The Dockerfile restores from the files that decide the restore, copied before the sources:
/// a change of code keeps the restore layer, and a project added to the repository is in it.</summary>
public sealed class The_image_restores_before_the_sources
{
    [Fact]
    public void Every_project_and_build_file_is_copied_before_the_restore_and_the_sources_after()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "deploy", "docker", "Dockerfile")).Select(l => l.Trim()).ToList();
        var restore = lines.FindIndex(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        var sources = lines.FindIndex(l => l == "COPY . .");
        Assert.True(restore > 0 && sources > restore, "the sources are copied after the restore");

        // COPY SOURCE... TARGET: the sources, as paths from the repository's root (the build context).
        var copied = lines.Take(restore).Where(l => l.StartsWith("COPY ", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            .ToHashSet();
        var root = Repository.Root;
        // The project folders (not build output or local data), and the root's own build files.
        var decisive = new[] { "services", "gateway", "deploy", "tests" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.csproj", SearchOption.AllDirectories)
                .Concat(Directory.EnumerateFiles(Path.Combine(root, folder), "Directory.Build.props", SearchOption.AllDirectories)))
            .Concat(Directory.EnumerateFiles(root, "*.slnx"))
            .Concat(new[] { "Directory.Build.props", "global.json", "Directory.Packages.props", "Runtime.props" }.Select(f => Path.Combine(root, f)))
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .ToList();
        var missing = decisive.Where(f => !copied.Contains(f)).Order().ToList();
        Assert.True(missing.Count == 0, "Not copied before the restore: " + string.Join(", ", missing));
    }
}
