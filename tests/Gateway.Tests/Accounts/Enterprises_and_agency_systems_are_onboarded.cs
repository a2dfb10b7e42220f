using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using ServiceDefaults;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests.Accounts;

/// <summary>Enterprise onboarding by invitation (issued by the office or an administrator, claimed once with
/// the enterprise's credit code) and agency systems (created with a secret shown once, revoked).</summary>
[Collection(PlatformCollection.Name)]
public sealed class Enterprises_and_agency_systems_are_onboarded(PlatformFixture platform)
{
    const string Registered = "91330183MA2100003U";
    const string Password = "the workshop opens at eight";
    HttpClient Client => platform.Client;

    async Task<JsonElement> InviteAsync(string token, string creditCode)
    {
        var response = await Eventually.Until(() => Client.CallAsync(HttpMethod.Post, "/admin/invitations", token, new { creditCode }),
            r => r.StatusCode != HttpStatusCode.UnprocessableEntity, "the gateway knows the registry's enterprises");
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.JsonAsync();
    }

    [Fact]
    public async Task The_office_invites_an_enterprise_whose_person_claims_it_once_with_the_credit_code()
    {
        var office = await Client.TokenAsync("office", Accounts_are_administered.DemoPassword);
        var invitation = await InviteAsync(office, Registered);
        Assert.Equal("华东新材料科技有限公司", invitation.GetProperty("enterpriseName").GetString());
        var code = invitation.GetProperty("code").GetString();

        using (var otherEnterprise = await Client.CallAsync(HttpMethod.Post, "/account/invitation", null,
                   new { invitationCode = code, creditCode = "91330183MA2100001M", userName = "qiye3-sun", displayName = "孙经理", password = Password }))
            Assert.True((await otherEnterprise.ErrorsAsync(HttpStatusCode.UnprocessableEntity)).TryGetProperty("invitationCode", out _));
        using (var weak = await Client.CallAsync(HttpMethod.Post, "/account/invitation", null,
                   new { invitationCode = code, creditCode = Registered, userName = "qiye3-sun", displayName = "孙经理", password = "123456789012" }))
            Assert.True((await weak.ErrorsAsync(HttpStatusCode.BadRequest)).TryGetProperty("password", out _));
        using (var claimed = await Client.CallAsync(HttpMethod.Post, "/account/invitation", null,
                   new { invitationCode = code, creditCode = Registered, userName = "qiye3-sun", displayName = "孙经理", password = Password }))
            Assert.True(claimed.StatusCode == HttpStatusCode.Created, await claimed.Content.ReadAsStringAsync());
        var token = new JsonWebToken(await Client.TokenAsync("qiye3-sun", Password));
        Assert.Equal(("enterprise", Registered), (token.GetClaim("role").Value, token.GetClaim("credit_code").Value));

        using var reused = await Client.CallAsync(HttpMethod.Post, "/account/invitation", null,
            new { invitationCode = code, creditCode = Registered, userName = "qiye3-zhou", displayName = "周", password = Password });
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal(0, await Client.UsersNamedAsync(await Client.TokenAsync("admin", Accounts_are_administered.DemoPassword), "qiye3-zhou"));
    }

    [Fact]
    public async Task An_invitation_for_an_enterprise_outside_the_registry_is_422_and_agencies_cannot_invite()
    {
        var office = await Client.TokenAsync("office", Accounts_are_administered.DemoPassword);
        var unknown = "91330183MA2188888" + CreditCode.CheckCharacter("91330183MA2188888");
        using var refused = await Client.CallAsync(HttpMethod.Post, "/admin/invitations", office, new { creditCode = unknown });
        Assert.True((await refused.ErrorsAsync(HttpStatusCode.UnprocessableEntity)).TryGetProperty("creditCode", out _));
        using var malformed = await Client.CallAsync(HttpMethod.Post, "/admin/invitations", office, new { creditCode = "not a code" });
        Assert.True((await malformed.ErrorsAsync(HttpStatusCode.BadRequest)).TryGetProperty("creditCode", out _));
        var staff = await Client.TokenAsync("yj-staff", Accounts_are_administered.DemoPassword);
        using var byAgency = await Client.CallAsync(HttpMethod.Post, "/admin/invitations", staff, new { creditCode = Registered });
        Assert.Equal(HttpStatusCode.Forbidden, byAgency.StatusCode);
    }

    [Fact]
    public async Task An_agency_system_is_created_with_a_secret_shown_once_and_revoked()
    {
        var admin = await Client.TokenAsync("admin", Accounts_are_administered.DemoPassword);
        // The registry's agencies reach the gateway by planning's events; the demo's client of JX is there from the start.
        using (var exists = await Eventually.Until(() => Client.CallAsync(HttpMethod.Post, "/admin/agency-clients", admin, new { agencyCode = "JX" }),
                   r => r.StatusCode != HttpStatusCode.UnprocessableEntity, "the gateway knows the registry's agencies"))
            Assert.Equal(HttpStatusCode.Conflict, exists.StatusCode);
        using (var unknown = await Client.CallAsync(HttpMethod.Post, "/admin/agency-clients", admin, new { agencyCode = "ZZ" }))
            Assert.True((await unknown.ErrorsAsync(HttpStatusCode.UnprocessableEntity)).TryGetProperty("agencyCode", out _));
        using (var malformed = await Client.CallAsync(HttpMethod.Post, "/admin/agency-clients", admin, new { agencyCode = "jx!" }))
            Assert.True((await malformed.ErrorsAsync(HttpStatusCode.BadRequest)).TryGetProperty("agencyCode", out _));

        using (var revoke = await Client.CallAsync(HttpMethod.Delete, "/admin/agency-clients/agency-jx", admin))
            Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        using (var revoked = await Client.ClientGrantAsync("agency-jx", "jx-demo-secret"))
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);

        using var created = await Client.CallAsync(HttpMethod.Post, "/admin/agency-clients", admin, new { agencyCode = "JX" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await created.JsonAsync()).GetProperty("clientSecret").GetString()!;
        using var token = await Client.ClientGrantAsync("agency-jx", secret);
        var jwt = new JsonWebToken((await token.JsonAsync()).GetProperty("access_token").GetString());
        Assert.Equal("JX", jwt.GetClaim("agency_code").Value);
        using var list = await Client.CallAsync(HttpMethod.Get, "/admin/agency-clients", admin);
        Assert.DoesNotContain(secret, await list.Content.ReadAsStringAsync());
        Assert.Contains("agency-jx", await list.Content.ReadAsStringAsync());
    }
}
