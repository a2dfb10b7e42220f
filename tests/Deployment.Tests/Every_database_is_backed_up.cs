using System.Text.RegularExpressions;
using k8s.Models;
using Xunit;

namespace Deployment.Tests;

/// <summary>Every CloudNativePG Cluster (the gateway's too) archives to object storage with a
/// retention, with credentials from a secret, and has a nightly ScheduledBackup; restoring is
/// documented in deploy/README.md.</summary>
public sealed class Every_database_is_backed_up
{
    public static TheoryData<string> Overlays => Manifests_hold_together.Overlays;

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_cluster_has_a_backup_configuration_and_a_scheduled_backup(string overlay)
    {
        var r = Manifests_hold_together.Render(overlay);
        var clusters = r.Of<CnpgCluster>().ToList();
        Assert.Equal(Manifests_hold_together.Deployables.Select(d => $"{d}-db").Order(), clusters.Select(c => c.Metadata.Name).Order());
        var paths = new HashSet<string>();
        foreach (var c in clusters)
        {
            var name = c.Metadata.Name;
            Assert.Matches(@"^[1-9][0-9]*[dwm]$", c.Value("backup", "retentionPolicy") ?? "");
            var destination = c.Value("backup", "barmanObjectStore", "destinationPath") ?? "";
            Assert.Matches(@"^s3://[a-z0-9.-]+/.+", destination);
            Assert.True(paths.Add(destination), $"{overlay}: {name} archives where another cluster does ({destination})");
            Assert.StartsWith("https://", c.Value("backup", "barmanObjectStore", "endpointURL"));
            foreach (var key in new[] { "accessKeyId", "secretAccessKey" })
            {
                var secret = c.Value("backup", "barmanObjectStore", "s3Credentials", key, "name");
                Assert.False(string.IsNullOrEmpty(secret), $"{overlay}: {name} has no {key} secret");
                Assert.False(string.IsNullOrEmpty(c.Value("backup", "barmanObjectStore", "s3Credentials", key, "key")));
                if (overlay == "dev") Assert.Contains(r.Of<V1Secret>(), s => s.Metadata.Name == secret);
            }

            var scheduled = r.Of<CnpgScheduledBackup>().Where(b => b.Value("cluster", "name") == name).ToList();
            var nightly = Assert.Single(scheduled);
            Assert.Equal("barmanObjectStore", nightly.Value("method"));
            // CloudNativePG's schedule has six fields, seconds first.
            Assert.Matches(@"^\S+( \S+){5}$", nightly.Value("schedule") ?? "");
        }
    }

    [Fact]
    public void The_restore_is_documented()
    {
        var guide = File.ReadAllText(Path.Combine(TestInfrastructure.Repository.Root, "deploy", "README.md"));
        var section = Regex.Match(guide, @"## Back up and restore\n(.*?)(\n## |\z)", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("bootstrap:", section);
        Assert.Contains("recovery:", section);
        Assert.Contains("externalClusters:", section);
    }
}
