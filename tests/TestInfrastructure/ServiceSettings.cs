namespace TestInfrastructure;

/// <summary>What a service under test is told: its own database, its broker and whom to trust.</summary>
public static class ServiceSettings
{
    public static Dictionary<string, string> For(string service, string databaseConnectionString, string brokerUri, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(TestIdentity.Settings)
        {
            [$"ConnectionStrings:{service}"] = databaseConnectionString,
            ["ConnectionStrings:rabbitmq"] = brokerUri,
            // Short polls keep tests quick; the relay is still woken at once on commit.
            ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        return settings;
    }
}
