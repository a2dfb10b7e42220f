using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>Console users sign in as OAuth 2.1 expects: the authorization code flow with PKCE (S256) through
/// the gateway's own sign-in page; a short-lived access token and a refresh token that works once, a reused
/// one ending the whole sign-in; signing out revokes it; and the page tells no one whether an account
/// exists or is locked.</summary>
[Collection(PlatformCollection.Name)]
public sealed partial class Console_sign_in(PlatformFixture platform)
{
    HttpClient Client => platform.Client;

    [Fact]
    public async Task A_user_signed_in_through_the_page_gets_a_ten_minute_access_token_and_a_refresh_token()
    {
        var tokens = await CodeFlowSignIn.SignInAsync(Client, "leader", PlatformFixture.Password);
        var jwt = new JsonWebToken(tokens.AccessToken);
        Assert.Equal((TimeSpan.FromMinutes(10), "at+jwt", "RS256"), (jwt.ValidTo - jwt.IssuedAt, jwt.Typ, jwt.Alg));
        Assert.Equal(("leader", "leader", "park-console"), (jwt.Subject, jwt.GetClaim("role").Value, jwt.GetClaim("client_id").Value));
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        using var cases = await platform.GetAsync("/api/supervision/cases", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, cases.StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_presenting_it_again_ends_the_sign_in()
    {
        var first = await CodeFlowSignIn.SignInAsync(Client, "qiye3", PlatformFixture.Password);
        using var refreshed = await CodeFlowSignIn.RefreshAsync(Client, first.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = CodeFlowSignIn.Read(await refreshed.Content.ReadAsStringAsync());
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.Equal("91330183MA2100003U", new JsonWebToken(second.AccessToken).GetClaim("credit_code").Value);

        // The spent token again, as a thief who copied it would: refused, and the token issued in its
        // place is revoked with it, so neither the thief nor the user goes on without signing in.
        using var reused = await CodeFlowSignIn.RefreshAsync(Client, first.RefreshToken!);
        await AssertEndedAsync(reused);
        using var successor = await CodeFlowSignIn.RefreshAsync(Client, second.RefreshToken!);
        await AssertEndedAsync(successor);
    }

    [Fact]
    public async Task Signing_out_revokes_the_refresh_token()
    {
        var tokens = await CodeFlowSignIn.SignInAsync(Client, "discipline", PlatformFixture.Password);
        using var revoked = await CodeFlowSignIn.RevokeAsync(Client, tokens.RefreshToken!);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        using var refused = await CodeFlowSignIn.RefreshAsync(Client, tokens.RefreshToken!);
        await AssertEndedAsync(refused);
    }

    internal static async Task AssertEndedAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, body);
        Assert.Equal("invalid_grant", JsonDocument.Parse(body).RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq&code_challenge_method=plain")]
    public async Task An_authorization_request_without_an_S256_challenge_gets_no_sign_in_page(string challenge)
    {
        var console = Uri.EscapeDataString(new Uri(platform.Platform.Address, "/console/").ToString());
        using var page = await Client.GetAsync($"/connect/authorize?response_type=code&client_id=park-console&scope=api&state=s1&redirect_uri={console}{challenge}");
        // Refused before the client's address is trusted, so answered here rather than sent there.
        var body = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("invalid_request", body);
        Assert.DoesNotContain("data-testid=\"password\"", body);
    }

    [Fact]
    public async Task A_code_is_worth_nothing_without_the_verifier_of_its_challenge()
    {
        var stolen = await CodeFlowSignIn.AttemptAsync(Client, "qiye1", PlatformFixture.Password, redeemWith: new string('x', 43));
        Assert.Null(stolen.Tokens);
        Assert.Equal("invalid_grant", JsonDocument.Parse(stolen.Answer).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_code_is_sent_to_the_console_s_registered_address_only()
    {
        var elsewhere = Uri.EscapeDataString("https://attacker.example/console/");
        using var page = await Client.GetAsync($"/connect/authorize?response_type=code&client_id=park-console&scope=api&state=s1&redirect_uri={elsewhere}"
            + "&code_challenge=abcdefghijklmnopqrstuvwxyzabcdefghijklmnopq&code_challenge_method=S256");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_unknown_user_and_locked_account_get_the_same_answer()
    {
        var wrong = await CodeFlowSignIn.AttemptAsync(Client, "ny-staff", "not the password");
        var unknown = await CodeFlowSignIn.AttemptAsync(Client, "nobody-at-all", PlatformFixture.Password);
        for (var i = 0; i < 4; i++) await CodeFlowSignIn.AttemptAsync(Client, "ny-staff", "still not it " + i);
        var locked = await CodeFlowSignIn.AttemptAsync(Client, "ny-staff", PlatformFixture.Password);

        Assert.All(new[] { wrong, unknown, locked }, a => Assert.Equal((HttpStatusCode.Unauthorized, null), (a.Status, a.Tokens)));
        var answers = new[] { wrong, unknown, locked }.Select(a => Alert().Match(a.Answer).Groups["text"].Value).Distinct().ToList();
        Assert.Single(answers);
        Assert.Contains("用户名或密码错误", answers[0]);
    }

    [Fact]
    public async Task The_sign_in_page_is_Chinese_labelled_and_announces_its_refusal()
    {
        var refused = await CodeFlowSignIn.AttemptAsync(Client, "no-such-user", "wrong password");
        Assert.Contains("<html lang=\"zh-CN\">", refused.Answer);
        Assert.Contains("<label for=\"username\">用户名</label>", refused.Answer);
        Assert.Contains("<label for=\"password\">密码</label>", refused.Answer);
        Assert.Matches(Alert(), refused.Answer);
        Assert.Equal(2, Regex.Count(refused.Answer, "aria-invalid=\"true\" aria-describedby=\"signin-error\""));
        Assert.DoesNotContain("wrong password", refused.Answer);
    }

    [GeneratedRegex("""<div class="error" id="signin-error" role="alert"[^>]*>(?<text>[^<]*)</div>""")]
    private static partial Regex Alert();
}
