using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>A gateway logging everything it can (Trace, OpenIddict and ASP.NET Core included) seeds the
/// demo accounts, refuses a wrong password and signs a user in: no line, value or exception it logs holds
/// a password — neither the demo password nor one a user typed; nor does the audit trail hold a secret.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Passwords_are_never_logged(PlatformFixture platform)
{
    [Fact]
    public async Task Not_the_demo_password_nor_one_typed_at_the_sign_in_page()
    {
        var infra = await SharedInfrastructure.GetAsync();
        var settings = new Dictionary<string, string>(platform.Platform.GatewaySettings)
        {
            ["ConnectionStrings:gateway"] = await infra.Postgres.CreateDatabaseAsync("gateway"),
            ["ConnectionStrings:rabbitmq"] = await infra.RabbitMq.CreateVirtualHostAsync("gw-logs"),
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:OpenIddict"] = "Trace",
        };
        var lines = new ConcurrentQueue<string>();
        await using (var gateway = new ServiceFactory<Program>(settings, services => services.AddLogging(l => l.AddProvider(new Capture(lines)))))
        {
            using var client = gateway.CreateClient();
            const string typedWrong = "a-wrong-guess-8f3a1c";
            await Eventually.Until(() => CodeFlowSignIn.AttemptAsync(client, "office", PlatformFixture.Password), a => a.Tokens is not null, "the demo accounts are seeded");
            var refused = await CodeFlowSignIn.AttemptAsync(client, "office", typedWrong);
            Assert.Null(refused.Tokens);

            Assert.NotEmpty(lines);
            Assert.Contains(lines, l => l.Contains("/connect/authorize"));
            Assert.DoesNotContain(lines, l => l.Contains(PlatformFixture.Password) || l.Contains(typedWrong));
        }

        // The trail records each change's fields, but never a secret: not the password's hash, not a
        // token's payload or reference, not a client's secret.
        var database = settings["ConnectionStrings:gateway"];
        var trail = await Sql.RowsAsync(database, "SELECT changes::text FROM audit_entries", r => r.GetString(0));
        Assert.Contains(trail, t => t.Contains("console_users"));
        var secrets = await Sql.RowsAsync(database, """
            SELECT password_hash FROM console_users WHERE password_hash <> ''
            UNION ALL SELECT payload FROM "OpenIddictTokens" WHERE payload IS NOT NULL
            UNION ALL SELECT reference_id FROM "OpenIddictTokens" WHERE reference_id IS NOT NULL
            UNION ALL SELECT client_secret FROM "OpenIddictApplications" WHERE client_secret IS NOT NULL
            """, r => r.GetString(0));
        Assert.NotEmpty(secrets);
        Assert.DoesNotContain(trail, t => secrets.Any(t.Contains));
    }

    /// <summary>Everything a logger is given: the message, every value of its state, the exception.</summary>
    sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"scope: {state}");
            return null;
        }
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(' ', pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            lines.Enqueue($"{formatter(state, exception)} {values} {exception}");
        }

        public void Dispose() { }
    }
}
