using System.Text.Json;
using System.Text.RegularExpressions;
using TestInfrastructure;
using Xunit;

namespace Deployment.Tests;

/// <summary>What lands in an error queue (<c>&lt;queue&gt;_error</c>, or <c>_skipped</c> when nothing
/// consumes it) waits for an operator for a bounded time and a bounded number of messages: the
/// manifests' RabbitMQ Policy and the one deploy/local/rabbitmq.sh sets on every local virtual host say
/// the same, and apply to error queues only.</summary>
public sealed class Failed_messages_wait_for_an_operator
{
    public static TheoryData<string> Overlays => Manifests_hold_together.Overlays;

    /// <summary>The pattern and definition of the local script's <c>retention_policy</c>.</summary>
    static (string Pattern, JsonElement Definition) Local()
    {
        var script = File.ReadAllText(Repository.Script("deploy/local/rabbitmq.sh"));
        var call = Regex.Match(script, @"error-retention \\\s*'([^']+)' '([^']+)'");
        Assert.True(call.Success, "deploy/local/rabbitmq.sh sets the error-retention policy");
        return (call.Groups[1].Value, JsonDocument.Parse(call.Groups[2].Value).RootElement);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Error_queues_keep_messages_14_days_at_most_100000_as_locally(string overlay)
    {
        var r = Manifests_hold_together.Render(overlay);
        var policy = Assert.Single(r.Of<RabbitmqPolicy>(), p => p.Value("name") == "error-retention");
        Assert.Equal("rabbitmq", policy.Value("rabbitmqClusterReference", "name"));
        Assert.Equal("/", policy.Value("vhost"));
        Assert.Equal("queues", policy.Value("applyTo"));

        var pattern = new Regex(policy.Value("pattern")!);
        Assert.True(pattern.IsMatch("filing-enterprise-registered_error") && pattern.IsMatch("filing-enterprise-registered_skipped"));
        Assert.False(pattern.IsMatch("filing-enterprise-registered"), "a consumer's own queue never expires its messages");
        Assert.False(pattern.IsMatch("filing-error-report"), "only the suffix makes an error queue");

        var definition = policy.Map("definition").ToDictionary();
        Assert.Equal(TimeSpan.FromDays(14).TotalMilliseconds.ToString(), definition["message-ttl"]);
        Assert.Equal("100000", definition["max-length"]);

        var (localPattern, localDefinition) = Local();
        Assert.Equal(localPattern, policy.Value("pattern"));
        Assert.Equal(localDefinition.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ToString()).OrderBy(kv => kv.Key), definition.OrderBy(kv => kv.Key));
    }
}
