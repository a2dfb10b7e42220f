using k8s.Models;
using Xunit;

namespace Deployment.Tests;

/// <summary>Each deployable's database has two users: the schema's owner, whom only the migrations use
/// (<c>ConnectionStrings__&lt;name&gt;Owner</c>), and the user the process serves as, which owns no table and so
/// can neither change what is append-only (the 留痕 trail, cards, case history) nor disable its triggers.
/// CloudNativePG creates the second from a secret of its own; in dev, where the secrets are rendered, the
/// connection strings log in as these users with these passwords.</summary>
public sealed class Each_service_serves_as_a_user_that_owns_no_table
{
    public static TheoryData<string> Overlays => Manifests_hold_together.Overlays;

    [Theory]
    [MemberData(nameof(Overlays))]
    public void The_serving_user_is_a_managed_role_apart_from_the_owner(string overlay)
    {
        var r = Manifests_hold_together.Render(overlay);
        foreach (var deployable in Manifests_hold_together.Services.Append("gateway"))
        {
            var cluster = r.Of<CnpgCluster>().Single(c => c.Metadata.Name == $"{deployable}-db");
            var owner = cluster.Value("bootstrap", "initdb", "owner");
            Assert.Equal(deployable, owner);
            var role = Assert.Single(cluster.At("managed", "roles") as IEnumerable<object> ?? []) as IDictionary<object, object>;
            Assert.NotNull(role);
            var serving = role["name"].ToString();
            Assert.NotEqual(owner, serving);
            Assert.Equal("true", role["login"].ToString(), ignoreCase: true);
            Assert.Equal("present", role["ensure"].ToString());
            var secretName = ((IDictionary<object, object>)role["passwordSecret"])["name"].ToString()!;
            if (overlay != "dev") continue;

            var secret = Each_service_has_its_own_broker_user.Data(r, secretName);
            Assert.Equal("kubernetes.io/basic-auth", r.Of<V1Secret>().Single(s => s.Metadata.Name == secretName).Type);
            Assert.Equal(serving, secret["username"]);
            var connections = Each_service_has_its_own_broker_user.Data(r, $"{deployable}-connections");
            var serves = Fields(connections[$"ConnectionStrings__{deployable}"]);
            Assert.Equal((serving, secret["password"]), (serves["Username"], serves["Password"]));
            Assert.Equal(owner, Fields(connections[$"ConnectionStrings__{deployable}Owner"])["Username"]);
        }
    }

    static Dictionary<string, string> Fields(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
}
