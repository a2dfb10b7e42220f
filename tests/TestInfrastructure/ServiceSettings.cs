namespace TestInfrastructure;

/// <summary>What a service under test is told: its own database, its broker, whom to trust, and what
/// else it requires to start (filing: the page its QR codes open; planning: the county's draw key).</summary>
public static class ServiceSettings
{
    /// <summary>One draw key for the whole test run, as a county keeps one: a planning process restarted by
    /// a test derives the same quarters' secrets.</summary>
    public static readonly string DrawKey = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static Dictionary<string, string> For(string service, string databaseConnectionString, string brokerUri, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(TestIdentity.Settings)
        {
            // As in production: the schema belongs to its owner (the cluster's superuser here) and the service
            // connects as a user of its own that may only add to the append-only tables.
            [$"ConnectionStrings:{service}"] = PrivatePostgres.AsServiceUser(databaseConnectionString),
            [$"ConnectionStrings:{service}Owner"] = databaseConnectionString,
            ["ConnectionStrings:rabbitmq"] = brokerUri,
            // Short polls keep tests quick; the relay is still woken at once on commit.
            ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
        };
        if (service == "filing") settings["Filing:VerificationPage"] = "http://127.0.0.1/console/verify?code=";
        if (service == "planning") settings["Draws:Key"] = DrawKey;
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        return settings;
    }
}
