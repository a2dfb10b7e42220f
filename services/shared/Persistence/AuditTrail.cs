using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Persistence;

/// <summary>留痕: one row per saved change of a service's data, in the same transaction: who (subject,
/// role, the client application, the address), when, through which request (or which consumed messages
/// or sweep, with <see cref="Actor"/> "system"), and which records were added, changed or removed, with
/// the fields that changed and their old and new values (personal data masked, see
/// <see cref="AuditTrailModel.IsPersonal{T}"/>).</summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public DateTimeOffset At { get; init; }
    public required string Actor { get; init; }
    public string? Roles { get; init; }
    public string? Client { get; init; }
    public string? Address { get; init; }
    public required string Via { get; init; }
    /// <summary>The ids of the consumed messages that made the change (several when a group committed together).</summary>
    public string[]? Messages { get; init; }
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
        var changed = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not (AuditEntry or INotAudited))
            .ToList();
        if (changed.Count == 0) return;
        var entry = EntryFor(AuditScope.Now, http.HttpContext, clock.GetUtcNow(), JsonSerializer.Serialize(changed.Select(AuditedChange.Of), AuditedChange.Json));
        if (changed.Any(e => e.Metadata.FindAnnotation(AuditTrailModel.AnonymousAuthor) is not null))
            entry = new AuditEntry { At = entry.At, Actor = "anonymous", Roles = entry.Roles, Via = entry.Via, Messages = entry.Messages, Changes = entry.Changes };
        db.Add(entry);
    }

    internal static AuditEntry EntryFor(AuditScope.Origin? origin, HttpContext? context, DateTimeOffset at, string changes)
    {
        // A message or a sweep is the system's doing, even when a sidecar's request started the sweep.
        if (origin is not null || context is null)
            return new AuditEntry { At = at, Actor = "system", Via = origin?.Via ?? "system", Messages = origin?.Messages, Changes = changes };
        var user = context.User;
        var signedIn = user.Identity?.IsAuthenticated == true;
        return new AuditEntry
        {
            At = at,
            Actor = signedIn ? user.FindFirstValue("sub") ?? "unknown" : "anonymous",
            Roles = signedIn ? string.Join(",", user.FindAll("role").Select(c => c.Value)) : null,
            Client = signedIn ? user.FindFirstValue("client_id") ?? user.FindFirstValue("azp") : null,
            Address = context.Connection.RemoteIpAddress?.ToString(),
            Via = $"{context.Request.Method} {context.Request.Path}",
            Changes = changes,
        };
    }
}
