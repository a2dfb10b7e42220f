using System.Security.Cryptography;
using System.Text.Json;
using Gateway.Identity;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Gateway.Administration;

public sealed record AgencyClientRequest(string? AgencyCode);

public sealed record RotationRequest(int? OverlapHours);

/// <summary>An agency's system as administrators see it; the secret only in the answer that made it.</summary>
public sealed record AgencyClientView(string ClientId, string AgencyCode, string DisplayName, DateTimeOffset? PreviousSecretValidUntil);

public sealed record AgencyClientSecret(string ClientId, string AgencyCode, string ClientSecret, DateTimeOffset? PreviousSecretValidUntil);

/// <summary>The agencies' own systems, which take tokens by client credentials: an administrator creates
/// an agency's client (its secret shown once), rotates the secret with an overlap in which the previous
/// one still works, and revokes the client, which ends its tokens.</summary>
public static class AgencyClients
{
    const int MaxOverlapHours = 90 * 24;

    public static RouteGroupBuilder MapAgencyClients(this RouteGroupBuilder clients)
    {
        clients.MapGet("/", ListAsync).WithSummary("部门系统 The agencies' systems (admin)");
        clients.MapPost("/", CreateAsync).WithSummary("创建部门系统 Create an agency's client; its secret is shown once (admin)");
        clients.MapPost("/{clientId}/secret", RotateAsync).WithSummary("轮换密钥 A new secret; the previous one works until the overlap ends (admin)");
        clients.MapDelete("/{clientId}", RevokeAsync).WithSummary("吊销 Revoke an agency's client and its tokens (admin)");
        return clients;
    }

    public static string ClientIdOf(string agencyCode) => $"agency-{agencyCode.ToLowerInvariant()}";

    static async Task<Ok<List<AgencyClientView>>> ListAsync(IOpenIddictApplicationManager applications, CancellationToken ct)
    {
        var manager = (AgencyClientManager)applications;
        var views = new List<AgencyClientView>();
        await foreach (var application in manager.ListAsync(count: null, offset: null, ct))
            if (await AgencyOfAsync(manager, application, ct) is { } agency)
                views.Add(new AgencyClientView(application.ClientId!, agency, application.DisplayName ?? "", await manager.PreviousSecretUntilAsync(application, ct)));
        return TypedResults.Ok(views.OrderBy(v => v.ClientId, StringComparer.Ordinal).ToList());
    }

    static async Task<Results<Created<AgencyClientSecret>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        AgencyClientRequest r, IOpenIddictApplicationManager applications, Registry registry, CancellationToken ct)
    {
        var v = new Validation().AgencyCode("agencyCode", r.AgencyCode);
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        if (await registry.AgencyNameAsync(r.AgencyCode!, ct) is not { } name)
            return Problems.Unprocessable("Unknown agency.", new Dictionary<string, string[]> { ["agencyCode"] = [$"No agency has code {r.AgencyCode}."] });
        var clientId = ClientIdOf(r.AgencyCode!);
        if (await applications.FindByClientIdAsync(clientId, ct) is not null)
            return Problems.Conflict("The agency has a client.", $"{clientId} exists: rotate its secret, or revoke it first.");

        var secret = NewSecret();
        await applications.CreateAsync(Descriptor(clientId, secret, r.AgencyCode!, name), ct);
        return TypedResults.Created($"/admin/agency-clients/{clientId}", new AgencyClientSecret(clientId, r.AgencyCode!, secret, null));
    }

    /// <summary>What an agency's client may do: take tokens by client credentials for the API, as its agency.</summary>
    public static OpenIddictApplicationDescriptor Descriptor(string clientId, string secret, string agencyCode, string agencyName)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = $"{agencyName}业务系统",
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Prefixes.Scope + "api" },
        };
        descriptor.Properties[ClaimNames.AgencyCode] = JsonSerializer.SerializeToElement(agencyCode);
        return descriptor;
    }

    static async Task<Results<Ok<AgencyClientSecret>, ValidationProblem, ProblemHttpResult>> RotateAsync(string clientId, RotationRequest? r,
        IOpenIddictApplicationManager applications, IOptions<AccountOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation().Require(r?.OverlapHours is null or >= 0 and <= MaxOverlapHours, "overlapHours", $"Between 0 and {MaxOverlapHours} hours.");
        if (!v.IsValid) return TypedResults.ValidationProblem(v.Errors);
        var manager = (AgencyClientManager)applications;
        if (await manager.FindByClientIdAsync(clientId, ct) is not { } application || await AgencyOfAsync(manager, application, ct) is not { } agency)
            return NoSuchClient(clientId);

        var overlap = r?.OverlapHours is { } hours ? TimeSpan.FromHours(hours) : options.Value.SecretOverlap;
        var until = clock.GetUtcNow() + overlap;
        var secret = NewSecret();
        await manager.RotateAsync(application, secret, until, ct);
        return TypedResults.Ok(new AgencyClientSecret(clientId, agency, secret, overlap > TimeSpan.Zero ? until : null));
    }

    /// <summary>The client goes, and with it the tokens and authorizations the token server keeps for it.</summary>
    static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(string clientId, IOpenIddictApplicationManager applications, CancellationToken ct)
    {
        var manager = (AgencyClientManager)applications;
        if (await manager.FindByClientIdAsync(clientId, ct) is not { } application || await AgencyOfAsync(manager, application, ct) is null)
            return NoSuchClient(clientId);
        await manager.DeleteAsync(application, ct);
        return TypedResults.NoContent();
    }

    static async ValueTask<string?> AgencyOfAsync(AgencyClientManager manager, OpenIddictEntityFrameworkCoreApplication application, CancellationToken ct) =>
        (await manager.GetPropertiesAsync(application, ct)).TryGetValue(ClaimNames.AgencyCode, out var agency) && agency.ValueKind == JsonValueKind.String ? agency.GetString() : null;

    /// <summary>256 random bits, URL-safe: typed into an agency's configuration, never by hand.</summary>
    static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static ProblemHttpResult NoSuchClient(string clientId) => Problems.NotFound("No such agency client.", $"No agency's system has client id {clientId}.");
}
