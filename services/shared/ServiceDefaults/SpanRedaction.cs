using System.Diagnostics;
using OpenTelemetry;

namespace ServiceDefaults;

/// <summary>Spans say what was asked, never about whom: paths carry verification codes, credit codes and
/// filing numbers, queries carry names and codes, and a trace store is read by more people than the
/// database. Before a span leaves the process its path becomes the route template (<c>/api/filing/verify/{code}</c>),
/// its query is dropped and an outgoing call's address keeps only scheme, host and port.</summary>
public sealed class SpanRedaction : BaseProcessor<Activity>
{
    public const string Unrouted = "(unrouted)";

    public override void OnEnd(Activity span) => Redact(span);

    public static void Redact(Activity span)
    {
        var route = Template(span.GetTagItem("http.route") as string);
        if (route is not null) span.SetTag("http.route", route);
        if (span.GetTagItem("url.path") is not null) span.SetTag("url.path", route ?? Unrouted);
        if (span.GetTagItem("url.query") is not null) span.SetTag("url.query", null);
        if (span.GetTagItem("http.target") is not null) span.SetTag("http.target", null);
        if (span.GetTagItem("url.full") is string full)
            span.SetTag("url.full", Uri.TryCreate(full, UriKind.Absolute, out var address) ? address.GetLeftPart(UriPartial.Authority) + "/" : null);
    }

    /// <summary>A route as written, without the trailing slash a group's "/" endpoint leaves.</summary>
    public static string? Template(string? route) =>
        route is null ? null : route.Length > 1 ? "/" + route.Trim('/') : "/";
}
