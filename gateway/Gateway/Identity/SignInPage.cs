using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using OpenIddict.Abstractions;

namespace Gateway.Identity;

/// <summary>The gateway's own sign-in page, shown at the authorization endpoint: plain HTML in Chinese
/// without script, so it works with the keyboard and a screen reader alone. The authorization request
/// travels in hidden fields and comes back with the user's name and password to the same address, so no
/// replica needs to remember it. A refusal is announced (role="alert") and tied to the fields it is about.</summary>
public static class SignInPage
{
    public const string UserNameField = "username";
    public const string PasswordField = "password";
    /// <summary>The page's own policy: its form posts back to the gateway only, nothing else loads.</summary>
    const string Policy = "default-src 'none'; style-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>Chinese stays Chinese in the page; markup characters are still encoded.</summary>
    static readonly HtmlEncoder Readable = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>Too many passwords from this address: said in the page's words, with when to try again.
    /// Refused before the authorization request is read, so the way back is the console, which starts a new one.</summary>
    public static IResult TooMany(HttpContext context, int seconds)
    {
        var page = Page($"""
                <div class="error" role="alert" data-testid="error">登录尝试过于频繁，请 {seconds} 秒后再试。</div>
                <p><a href="/console/">返回重新登录</a></p>
            """);
        context.Response.Headers.ContentSecurityPolicy = Policy;
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status429TooManyRequests);
    }

    public static IResult Show(HttpContext context, OpenIddictRequest request, string? userName = null, string? refusal = null)
    {
        var html = Readable;
        var hidden = new StringBuilder();
        foreach (var (name, value) in request.GetParameters())
        {
            if (name is UserNameField or PasswordField || (string?)value is not { } text) continue;
            hidden.Append($"""<input type="hidden" name="{html.Encode(name)}" value="{html.Encode(text)}">""");
        }
        var invalid = refusal is null ? "" : """ aria-invalid="true" aria-describedby="signin-error" """;
        var error = refusal is null ? "" : $"""<div class="error" id="signin-error" role="alert" data-testid="error">{html.Encode(refusal)}</div>""";
        var page = Page($"""
                {error}
                <form class="card" method="post" action="/{TokenServer.AuthorizePath}" data-testid="signin">
                  {hidden}
                  <label for="username">用户名</label>
                  <input id="username" name="{UserNameField}" autocomplete="username" required maxlength="64" value="{html.Encode(userName ?? "")}" data-testid="username"{(refusal is null ? " autofocus" : "")}{invalid}>
                  <label for="password">密码</label>
                  <input id="password" name="{PasswordField}" type="password" autocomplete="current-password" required maxlength="200" data-testid="password"{(refusal is null ? "" : " autofocus")}{invalid}>
                  <button type="submit" data-testid="sign-in">登录</button>
                </form>
                <p><a href="/console/password" data-testid="set-password-link">首次登录或密码重置后，用一次性设置码设置密码 →</a></p>
                <p><a href="/console/verify">企业核验检查备案（无需登录）→</a></p>
            """);
        context.Response.Headers.ContentSecurityPolicy = Policy;
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(page, "text/html; charset=utf-8", Encoding.UTF8, refusal is null ? StatusCodes.Status200OK : StatusCodes.Status401Unauthorized);
    }

    /// <summary>The sign-in page around what it shows now (the form, or why it cannot be shown).</summary>
    static string Page(string main) => $"""
        <!doctype html>
        <html lang="zh-CN">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>登录 · 园区执法"瘦身"改革管理平台</title>
          <link rel="stylesheet" href="/console/app.css">
        </head>
        <body>
          <header><span class="brand">园区执法"瘦身"改革管理平台</span></header>
          <main>
            <h1>登录</h1>
        {main}
          </main>
        </body>
        </html>
        """;
}
