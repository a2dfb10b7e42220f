using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ServiceDefaults;

namespace Messaging;

/// <summary>What an operator does with the messages a service's consumers parked: list them (why, which
/// consumer, how often; never a body, which may hold a complainant's words), replay or discard one. The
/// office's role, checked by the service itself; outside <c>/api</c>, so the gateway never routes it:
/// reached inside the cluster (a port-forward), as the README shows. Replays and discards are audited.</summary>
public static class MessageOperations
{
    public const string Path = "/operations/messages/parked";

    public static IEndpointRouteBuilder MapMessageOperations(this IEndpointRouteBuilder app)
    {
        var parked = app.MapGroup(Path).RequireAuthorization(Roles.Office).ExcludeFromDescription();
        parked.MapGet("/", List);
        parked.MapPost("/{id:long}/replay", Replay);
        parked.MapDelete("/{id:long}", Discard);
        return app;
    }

    static async Task<Results<Ok<Page<ParkedView>>, ValidationProblem>> List(ParkedMessages parked, ParkedState? state, long? after, int? limit, CancellationToken ct)
    {
        var v = new Validation();
        var size = v.Limit(limit);
        v.Require(after is null or >= 0, "after", Paging.UnknownAfterMessage);
        return v.IsValid ? TypedResults.Ok(await parked.ListAsync(state, after ?? 0, size, ct)) : TypedResults.ValidationProblem(v.Errors);
    }

    static async Task<Results<Accepted<ParkedView>, ProblemHttpResult>> Replay(long id, ParkedMessages parked, CancellationToken ct) =>
        await parked.ReplayAsync(id, ct) is { } replayed ? TypedResults.Accepted((string?)null, replayed) : NoSuchMessage(id);

    static async Task<Results<NoContent, ProblemHttpResult>> Discard(long id, ParkedMessages parked, CancellationToken ct) =>
        await parked.DiscardAsync(id, ct) ? TypedResults.NoContent() : NoSuchMessage(id);

    static ProblemHttpResult NoSuchMessage(long id) =>
        Problems.NotFound("No such parked message.", $"No parked message has number {id}; it may have been handled or discarded.");
}
