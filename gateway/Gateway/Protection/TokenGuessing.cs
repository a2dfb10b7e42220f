using System.Net.Http.Headers;
using System.Text;

namespace Gateway.Protection;

/// <summary>Guessing a client's secret at <c>/connect/token</c> is limited per client and address before
/// any secret is checked: the token server checks it during authentication, so the client the request
/// names is read here, ahead of the rate limiter that runs ahead of authentication. A guesser therefore
/// spends only its own budget, and the client's own system, from its own address, is not locked out.</summary>
public static class TokenGuessing
{
    const string ClientKey = "token-request-client";
    /// <summary>A partition's name stays short whatever a caller sends.</summary>
    const int MaxClientIdLength = 100;

    /// <summary>The client a token request names, in its form (<c>client_id</c>) or its Basic credentials.</summary>
    public static IApplicationBuilder UseTokenRequestClient(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.StartsWithSegments("/connect/token") && HttpMethods.IsPost(context.Request.Method))
            context.Items[ClientKey] = await ClientIdAsync(context.Request);
        await next();
    });

    /// <summary>The client named by the request, or "-" when it names none (or cannot be read).</summary>
    public static string ClientOf(HttpContext context) => context.Items[ClientKey] as string ?? "-";

    static async Task<string> ClientIdAsync(HttpRequest request)
    {
        if (AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var basic) && basic.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase) && basic.Parameter is { } encoded)
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
                return Short(Uri.UnescapeDataString(pair.Split(':', 2)[0]));
            }
            catch (FormatException) { return "-"; }
        }
        if (!request.HasFormContentType) return "-";
        try
        {
            // Read once: the form is kept for the token server.
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return form["client_id"].ToString() is { Length: > 0 } id ? Short(id) : "-";
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return "-";
        }
    }

    static string Short(string id) => id.Length > MaxClientIdLength ? id[..MaxClientIdLength] : id;
}
