using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceDefaults;

namespace Persistence;

/// <summary>The moment a sweep runs at: its instant, the China calendar day it falls on, and the clock
/// the events it raises are stamped with.</summary>
public readonly record struct SweepMoment(DateTimeOffset Now, TimeProvider Clock)
{
    public DateOnly Today => ChinaTime.Day(Now);
}

/// <summary>A periodic job of a service (deadline sweeps). On Kubernetes a Dapr cron input binding
/// calls its route (OPTIONS once at start, then POST each tick); where no sidecar runs, an in-process
/// timer calls the same work (<see cref="SweepOptions"/>). The work must be safe when replicas run it
/// at once: it reports how many items it handled.</summary>
public sealed record Sweep(string Route, string ResultName, Func<IServiceProvider, TimeProvider, CancellationToken, Task<int>> Run);

public static class Sweeps
{
    static readonly System.Diagnostics.Metrics.Meter Meter = new(Telemetry.SourceName);
    static readonly System.Diagnostics.Metrics.Counter<long> Handled = Meter.CreateCounter<long>("sweep.handled", description: "Items a sweep handled (raised, revoked, flagged)");
    static readonly System.Diagnostics.Metrics.Counter<long> Runs = Meter.CreateCounter<long>("sweep.runs", description: "Sweep runs, by outcome");

    /// <summary>Runs a sweep and records what it did.</summary>
    internal static async Task<int> RunAsync(Sweep sweep, IServiceProvider services, TimeProvider clock, CancellationToken ct)
    {
        var route = new KeyValuePair<string, object?>("sweep", sweep.Route);
        using var origin = AuditScope.Sweeping(sweep.Route);
        try
        {
            var handled = await sweep.Run(services, clock, ct);
            Handled.Add(handled, route);
            Runs.Add(1, route, new KeyValuePair<string, object?>("outcome", "ok"));
            return handled;
        }
        catch
        {
            Runs.Add(1, route, new KeyValuePair<string, object?>("outcome", "failed"));
            throw;
        }
    }

    /// <summary>A deadline sweep of <typeparamref name="TDb"/>, in the one shape every sweep has: at one
    /// moment, <paramref name="due"/> claims the rows whose deadline has passed (its query locks them
    /// <c>FOR UPDATE SKIP LOCKED</c>, so a racing replica skips them), <paramref name="decide"/> decides
    /// them (marks them and stages their events) and tells how many items it handled, and the marks and
    /// the events commit in one transaction: each item is handled once.</summary>
    public static IServiceCollection AddSweep<TDb, TRow>(this IServiceCollection services, string route, string resultName,
        Func<TDb, SweepMoment, IQueryable<TRow>> due, Func<TDb, IReadOnlyList<TRow>, SweepMoment, CancellationToken, Task<int>> decide)
        where TDb : DbContext
        where TRow : class
    {
        if (!services.Any(s => s.ServiceType == typeof(Sweep)))
        {
            services.AddOptions<SweepOptions>().BindConfiguration("Sweeps")
                .Validate(o => o.Every >= TimeSpan.FromSeconds(10) && o.Every <= TimeSpan.FromDays(1), "Sweeps:Every must be 10 seconds to a day.")
                .ValidateOnStart();
            services.AddHostedService<InProcessSweeps>();
        }
        services.AddSingleton(new Sweep(route, resultName, (sp, clock, ct) => ClaimAndDecideAsync(sp.GetRequiredService<TDb>(), new SweepMoment(clock.GetUtcNow(), clock), due, decide, ct)));
        return services;
    }

    /// <summary>As the other <c>AddSweep</c>, for a sweep that decides each claimed row alone: every
    /// claimed row is one item handled.</summary>
    public static IServiceCollection AddSweep<TDb, TRow>(this IServiceCollection services, string route, string resultName,
        Func<TDb, SweepMoment, IQueryable<TRow>> due, Action<TDb, TRow, SweepMoment> decide)
        where TDb : DbContext
        where TRow : class =>
        services.AddSweep<TDb, TRow>(route, resultName, due, (db, rows, at, _) =>
        {
            foreach (var row in rows) decide(db, row, at);
            return Task.FromResult(rows.Count);
        });

    static async Task<int> ClaimAndDecideAsync<TDb, TRow>(TDb db, SweepMoment at, Func<TDb, SweepMoment, IQueryable<TRow>> due,
        Func<TDb, IReadOnlyList<TRow>, SweepMoment, CancellationToken, Task<int>> decide, CancellationToken ct)
        where TDb : DbContext
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var claimed = await due(db, at).ToListAsync(ct);
        if (claimed.Count == 0) return 0;
        var handled = await decide(db, claimed, at, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return handled;
    }

    /// <summary>Reached only inside the cluster (the gateway routes /api only): the sidecar has no token.</summary>
    public static IEndpointRouteBuilder MapSweeps(this IEndpointRouteBuilder app)
    {
        foreach (var sweep in app.ServiceProvider.GetServices<Sweep>())
        {
            app.MapMethods(sweep.Route, ["OPTIONS"], () => TypedResults.Ok()).AllowAnonymous().ExcludeFromDescription();
            app.MapPost(sweep.Route, async (IServiceProvider services, TimeProvider clock, CancellationToken ct) =>
                TypedResults.Ok(new Dictionary<string, int> { [sweep.ResultName] = await RunAsync(sweep, services, clock, ct) }))
                .AllowAnonymous().ExcludeFromDescription();
        }
        return app;
    }
}
