using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using ServiceDefaults;

namespace Persistence;

public static class PersistenceSetup
{
    /// <summary>The service's own PostgreSQL database (<c>ConnectionStrings:{name}</c>), snake_case
    /// tables, the audit trail, migrations at start, and a readiness check. Other building blocks
    /// (the outbox) add their interceptors as <see cref="IInterceptor"/> singletons.</summary>
    public static IHostApplicationBuilder AddServiceDatabase<TDb>(this IHostApplicationBuilder builder, string name) where TDb : DbContext
    {
        var connectionString = builder.Configuration.GetConnectionString(name)
            ?? throw new InvalidOperationException($"ConnectionStrings:{name} is not configured.");
        // Timeout is also how long a request waits for a pooled connection: a burst (a backlog consumed
        // at once, many agencies filing together) waits its turn instead of failing after a few seconds.
        // The readiness probe has its own, shorter limit below.
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
            connectionString += ";Timeout=30;Command Timeout=30";

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<IInterceptor, AuditInterceptor>();
        // The options are the same for every context (singleton interceptors): built once, not per
        // request and per consumed message.
        builder.Services.AddDbContext<TDb>((sp, o) => o
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(sp.GetServices<IInterceptor>()),
            optionsLifetime: ServiceLifetime.Singleton);
        builder.Services.AddScoped(sp => new AuditedDatabase(sp.GetRequiredService<TDb>()));
        builder.Services.AddHealthChecks().AddDbContextCheck<TDb>("database", tags: [Health.ReadyTag]);
        // A readiness probe answers within its period: a database that does not answer in 5 s is not ready.
        builder.Services.Configure<HealthCheckServiceOptions>(o =>
        {
            foreach (var check in o.Registrations.Where(r => r.Name == "database")) check.Timeout = TimeSpan.FromSeconds(5);
        });
        // The schema's owner, when it is not the service's own user: migrations run as it (AppendOnly).
        var owner = builder.Configuration.GetConnectionString(name + "Owner");
        builder.Services.AddHostedService(sp => ActivatorUtilities.CreateInstance<DatabaseMigrator<TDb>>(sp, (string?)owner ?? ""));
        return builder;
    }

    /// <summary>Adds the audit table (留痕) to a service's own model, so each change and its entry are
    /// one transaction.</summary>
    public static ModelBuilder AddAuditTrail(this ModelBuilder model) =>
        model.ApplyConfiguration(new AuditEntryConfiguration());
}
