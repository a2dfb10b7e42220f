using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Persistence;

/// <summary>留痕: one row per saved change of a service's data, in the same transaction: who (subject,
/// role, the client application, the address), when, through which request (or "consume" when a
/// message did it), and which records were added, changed or removed.</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public string? Roles { get; init; }
    public string? Client { get; init; }
    public string? Address { get; init; }
    public required string Via { get; init; }
    public required string Changes { get; init; }
}

/// <summary>Rows that are the platform's own bookkeeping, not business data: never audited.</summary>
public interface INotAudited;

/// <summary>Writes the <see cref="AuditEntry"/> of each SaveChanges that changes business data (the
/// outbox, inbox and the audit itself aside) of a model that has the audit table.</summary>
sealed class AuditInterceptor(IHttpContextAccessor http, TimeProvider clock) : SaveChangesInterceptor
{
    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    void Record(DbContext? db)
    {
        if (db is null || db.Model.FindEntityType(typeof(AuditEntry)) is null) return;
        var changes = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not (AuditEntry or INotAudited))
            .Select(e => new
            {
                entity = e.Metadata.GetTableName() ?? e.Metadata.ShortName(),
                key = string.Join("/", e.Metadata.FindPrimaryKey()?.Properties.Select(p => e.Property(p.Name).CurrentValue?.ToString()) ?? []),
                change = e.State.ToString(),
            })
            .ToList();
        if (changes.Count == 0) return;
        var context = http.HttpContext;
        var user = context?.User;
        var signedIn = user?.Identity?.IsAuthenticated == true;
        db.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = signedIn ? user!.FindFirstValue("sub") ?? "unknown" : context is null ? "system" : "anonymous",
            Roles = signedIn ? string.Join(",", user!.FindAll("role").Select(c => c.Value)) : null,
            Client = signedIn ? user!.FindFirstValue("client_id") ?? user!.FindFirstValue("azp") : null,
            Address = context?.Connection.RemoteIpAddress?.ToString(),
            Via = context is null ? "consume" : $"{context.Request.Method} {context.Request.Path}",
            Changes = JsonSerializer.Serialize(changes),
        });
    }
}
