using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ServiceDefaults;

/// <summary>待办: one thing the caller must do now, where it is done (the console's address) and by when.
/// <paramref name="Kind"/> names what is to be done (<c>case.instruct</c>), <paramref name="Reference"/>
/// what it is done to (a case number, a filing number), <paramref name="Title"/> says it in Chinese.</summary>
public sealed record TaskItem(string Kind, string Title, DateOnly DueOn, string Link, string? Reference = null);

/// <summary>The caller's to-do list as one service sees it: its items by due date and the kinds that had
/// more than <see cref="TodoOptions.ItemsPerKind"/> (the rest is on the kind's own page).</summary>
public sealed record TodoList(IReadOnlyList<TaskItem> Items, IReadOnlyList<string> More);

/// <summary>What every service's to-do list reads (<c>Todo</c>).</summary>
public sealed class TodoOptions : ISettings
{
    public static string Section => "Todo";

    /// <summary>Visits and inspections this many days ahead are on the list already.</summary>
    [Range(1, 366)]
    public int ComingDays { get; set; } = 10;

    /// <summary>A step no rule gives a deadline (a case to send for sign-off) is due this many days after it arose.</summary>
    [Range(0, 366)]
    public int ActWithinDays { get; set; } = 3;

    /// <summary>At most this many items of one kind; the list says when a kind had more.</summary>
    [Range(1, 1000)]
    public int ItemsPerKind { get; set; } = 50;
}

/// <summary>When the list is read, and the settings each kind needs.</summary>
public sealed record TodoContext(DateTimeOffset Now, DateOnly Today, TodoOptions Options)
{
    /// <summary>The day a step that arose at <paramref name="arose"/> is due, when no rule says.</summary>
    public DateOnly DueAfter(DateTimeOffset arose) => ChinaTime.Day(arose).AddDays(Options.ActWithinDays);

    /// <summary>One more than a kind shows, so that the list can tell a kind that had more.</summary>
    public int Take => Options.ItemsPerKind + 1;
}

/// <summary>One kind of item, computed from the service's own state for the caller: none for a caller
/// it does not concern. Done is when the state no longer matches, never a flag kept for the list.</summary>
public delegate Task<IReadOnlyList<TaskItem>> TaskItemKind<in TDb>(TDb db, Actor actor, TodoContext context, CancellationToken ct);

public static class Todo
{
    public static IServiceCollection AddTodo(this IServiceCollection services)
    {
        services.AddSettings<TodoOptions>();
        return services;
    }

    /// <summary><c>GET {group}/todo</c>: the caller's items of <paramref name="kinds"/>, by due date. Adding a
    /// kind of item is adding one function to the service's list.</summary>
    public static RouteHandlerBuilder MapTodo<TDb>(this RouteGroupBuilder group, params TaskItemKind<TDb>[] kinds) where TDb : notnull =>
        group.MapGet("/todo", async Task<Ok<TodoList>> (HttpContext http, Actor actor, TimeProvider clock, IOptions<TodoOptions> options, CancellationToken ct) =>
        {
            // The service's own database context, resolved here: a handler whose parameter is generic defeats the route analyzer.
            var db = http.RequestServices.GetRequiredService<TDb>();
            var now = clock.GetUtcNow();
            var context = new TodoContext(now, ChinaTime.Day(now), options.Value);
            var items = new List<TaskItem>();
            var more = new List<string>();
            // One after the other: the kinds share the request's database context.
            foreach (var kind in kinds)
            {
                var found = await kind(db, actor, context, ct);
                items.AddRange(found.OrderBy(i => i.DueOn).Take(options.Value.ItemsPerKind));
                if (found.Count > options.Value.ItemsPerKind) more.Add(found[0].Kind);
            }
            return TypedResults.Ok(new TodoList([.. items.OrderBy(i => i.DueOn).ThenBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Reference, StringComparer.Ordinal)], more));
        }).RequireAuthorization().WithTags("To-do 待办")
            .WithSummary("待办 What the caller must do now in this service, by due date, each with the console address where it is done");
}
