using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using ServiceDefaults;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests.Accounts;

/// <summary>Administrators (role <c>admin</c>) manage the console's users at the gateway: create them bound
/// to an agency of the county or an enterprise of planning's registry, find them a page at a time, disable,
/// enable, unlock, and reset a password by a one-time code. Every refusal is problem details and stores
/// nothing; every change is in the audit trail.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Accounts_are_administered(PlatformFixture platform)
{
    public const string DemoPassword = "Park@2026";
    const string Password = "a long plain phrase nobody uses";
    /// <summary>A well-formed credit code that planning's registry does not hold.</summary>
    static readonly string NotRegistered = "91330183MA2199999" + CreditCode.CheckCharacter("91330183MA2199999");
    const string Registered = "91330183MA2100002Q";

    HttpClient Client => platform.Client;
    Task<string> AdminAsync() => Client.TokenAsync("admin", DemoPassword);

    [Fact]
    public async Task Only_administrators_administer()
    {
        var office = await Client.TokenAsync("office", DemoPassword);
        using var byOffice = await Client.CallAsync(HttpMethod.Get, "/admin/users", office);
        Assert.Equal(HttpStatusCode.Forbidden, byOffice.StatusCode);
        using var create = await Client.CallAsync(HttpMethod.Post, "/admin/users", office, new { userName = "sneaky", displayName = "x", role = "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        using var system = await Client.ClientGrantAsync("agency-yj", "yj-demo-secret");
        var agencyToken = (await system.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        using var byAgency = await Client.CallAsync(HttpMethod.Post, "/admin/agency-clients", agencyToken, new { agencyCode = "YJ" });
        Assert.Equal(HttpStatusCode.Forbidden, byAgency.StatusCode);
        using var anonymous = await Client.CallAsync(HttpMethod.Get, "/admin/users", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(0, await Client.UsersNamedAsync(await AdminAsync(), "sneaky"));
    }

    [Fact]
    public async Task An_enterprise_user_is_bound_to_an_enterprise_of_the_registry_and_an_unknown_code_is_422()
    {
        var admin = await AdminAsync();
        using var unknown = await Client.CallAsync(HttpMethod.Post, "/admin/users", admin,
            new { userName = "ghost-corp", displayName = "不存在的公司", role = "enterprise", creditCode = NotRegistered });
        Assert.True((await unknown.ErrorsAsync(HttpStatusCode.UnprocessableEntity)).TryGetProperty("creditCode", out _));
        using var unknownAgency = await Client.CallAsync(HttpMethod.Post, "/admin/users", admin,
            new { userName = "ghost-staff", displayName = "不存在的部门", role = "agency", agencyCode = "ZZ" });
        Assert.True((await unknownAgency.ErrorsAsync(HttpStatusCode.UnprocessableEntity)).TryGetProperty("agencyCode", out _));
        Assert.Equal(0, await Client.UsersNamedAsync(admin, "ghost-"));

        // The registry's enterprises reach the gateway by planning's events.
        await Eventually.Until(async () =>
        {
            using var response = await Client.CallAsync(HttpMethod.Post, "/admin/invitations", admin, new { creditCode = Registered });
            return response.StatusCode;
        }, s => s == HttpStatusCode.Created, "the gateway knows the registry's enterprises");
        await Client.CreateUserAsync(admin, new { userName = "qiye2-li", displayName = "华东机械制造有限公司 李会计", role = "enterprise", creditCode = Registered }, Password);
        var token = new JsonWebToken(await Client.TokenAsync("qiye2-li", Password));
        Assert.Equal(("enterprise", Registered), (token.GetClaim("role").Value, token.GetClaim("credit_code").Value));
    }

    [Fact]
    public async Task Bad_input_is_400_naming_each_field_and_stores_nothing()
    {
        var admin = await AdminAsync();
        using var bad = await Client.CallAsync(HttpMethod.Post, "/admin/users", admin,
            new { userName = "Bad Name", displayName = "", role = "superuser", creditCode = "123" });
        var errors = await bad.ErrorsAsync(HttpStatusCode.BadRequest);
        foreach (var field in new[] { "userName", "displayName", "role", "creditCode" }) Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
        using var mismatch = await Client.CallAsync(HttpMethod.Post, "/admin/users", admin,
            new { userName = "office-mismatch", displayName = "x", role = "office", agencyCode = "YJ" });
        Assert.True((await mismatch.ErrorsAsync(HttpStatusCode.BadRequest)).TryGetProperty("agencyCode", out _));
        Assert.Equal(0, await Client.UsersNamedAsync(admin, "mismatch"));
        using var taken = await Client.CallAsync(HttpMethod.Post, "/admin/users", admin, new { userName = "office", displayName = "x", role = "office" });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        using var paging = await Client.CallAsync(HttpMethod.Get, "/admin/users?limit=0&role=boss", admin);
        var pagingErrors = await paging.ErrorsAsync(HttpStatusCode.BadRequest);
        Assert.True(pagingErrors.TryGetProperty("limit", out _) && pagingErrors.TryGetProperty("role", out _));
    }

    [Theory]
    [InlineData("short pass")]
    [InlineData("password1234")]
    [InlineData("QWERTY123456")]
    public async Task Short_or_common_passwords_are_refused_naming_the_field_and_the_code_stays_usable(string weak)
    {
        var admin = await AdminAsync();
        var userName = $"weak-{Guid.NewGuid():N}"[..20];
        using var created = await Client.CallAsync(HttpMethod.Post, "/admin/users", admin, new { userName, displayName = "领导", role = "leader" });
        var code = (await created.JsonAsync()).GetProperty("passwordCode").GetProperty("code").GetString();
        using var refused = await Client.CallAsync(HttpMethod.Post, "/account/password", null, new { userName, code, password = weak });
        Assert.True((await refused.ErrorsAsync(HttpStatusCode.BadRequest)).TryGetProperty("password", out _));
        using var accepted = await Client.CallAsync(HttpMethod.Post, "/account/password", null, new { userName, code, password = Password });
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
        using var reused = await Client.CallAsync(HttpMethod.Post, "/account/password", null, new { userName, code, password = Password + " again" });
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
    }

    [Fact]
    public async Task The_office_and_the_task_force_search_the_accounts_trail_and_the_administrator_does_not()
    {
        var admin = await AdminAsync();
        await Client.CreateUserAsync(admin, new { userName = "sj-qian", displayName = "市场监督管理局 钱", role = "agency", agencyCode = "SJ" }, Password);
        using (var disable = await Client.CallAsync(HttpMethod.Post, "/admin/users/sj-qian/disable", admin))
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);

        foreach (var reader in new[] { "office", "discipline" })
        {
            var token = await Client.TokenAsync(reader, DemoPassword);
            using var found = await Client.CallAsync(HttpMethod.Get, "/accounts/audit?actor=admin&entity=console_users&limit=200", token);
            var entries = (await found.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
            var disabled = Assert.Single(entries, e => e.GetProperty("via").GetString() == "POST /admin/users/sj-qian/disable");
            var change = Assert.Single(disabled.GetProperty("changes").EnumerateArray());
            Assert.Equal("console_users", change.GetProperty("entity").GetString());
            Assert.True(change.GetProperty("fields").GetProperty("disabled").GetProperty("new").GetBoolean(), change.ToString());
            Assert.All(entries, e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
        }

        // Who read the trail, with which filters, is in it too.
        var office = await Client.TokenAsync("office", DemoPassword);
        using (var readings = await Client.CallAsync(HttpMethod.Get, "/accounts/audit?actor=office&entity=audit_entries", office))
            Assert.Contains((await readings.JsonAsync()).GetProperty("items").EnumerateArray(), e => e.GetProperty("via").GetString() == "GET /accounts/audit");
        using (var byAdmin = await Client.CallAsync(HttpMethod.Get, "/accounts/audit", admin))
            Assert.Equal(HttpStatusCode.Forbidden, byAdmin.StatusCode);
        using (var bad = await Client.CallAsync(HttpMethod.Get, "/accounts/audit?message=not-a-message&from=2026-05-02&to=2026-05-01", office))
        {
            var errors = await bad.ErrorsAsync(HttpStatusCode.BadRequest);
            Assert.True(errors.TryGetProperty("message", out _) && errors.TryGetProperty("to", out _), errors.ToString());
        }
        using (var sheet = await Client.CallAsync(HttpMethod.Get, "/accounts/audit/export?actor=admin&entity=console_users", office))
        {
            Assert.Equal(HttpStatusCode.OK, sheet.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", sheet.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_disabled_user_is_401_at_the_token_endpoint_until_enabled_and_the_change_is_audited()
    {
        var admin = await AdminAsync();
        await Client.CreateUserAsync(admin, new { userName = "js-zhao", displayName = "住房和城乡建设局 赵", role = "agency", agencyCode = "JS" }, Password);
        await Client.TokenAsync("js-zhao", Password);

        using (var disable = await Client.CallAsync(HttpMethod.Post, "/admin/users/js-zhao/disable", admin))
            Assert.True((await disable.JsonAsync()).GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SignInAttemptAsync("js-zhao", Password)).Status);
        using (var enable = await Client.CallAsync(HttpMethod.Post, "/admin/users/js-zhao/enable", admin))
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        await Client.TokenAsync("js-zhao", Password);
        using (var self = await Client.CallAsync(HttpMethod.Post, "/admin/users/admin/disable", admin))
            Assert.Equal(HttpStatusCode.Conflict, self.StatusCode);
        using (var nobody = await Client.CallAsync(HttpMethod.Post, "/admin/users/nobody-here/disable", admin))
            Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);

        var database = platform.Platform.GatewaySettings["ConnectionStrings:gateway"];
        Assert.Equal(1, await Sql.CountAsync(database, "audit_entries", "actor = 'admin' AND roles = 'admin' AND via = 'POST /admin/users/js-zhao/disable' AND changes::text LIKE '%console_users%'"));
    }

    [Fact]
    public async Task Disabling_or_resetting_a_user_ends_its_sign_ins_within_one_access_token_lifetime()
    {
        var admin = await AdminAsync();
        await Client.CreateUserAsync(admin, new { userName = "ga-zhou", displayName = "公安局 周", role = "agency", agencyCode = "GA" }, Password);

        var before = await CodeFlowSignIn.SignInAsync(Client, "ga-zhou", Password);
        using (var disable = await Client.CallAsync(HttpMethod.Post, "/admin/users/ga-zhou/disable", admin))
            Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        // No new access token: the one in hand is the last, and it lives ten minutes at most.
        using (var refused = await CodeFlowSignIn.RefreshAsync(Client, before.RefreshToken!))
            await Console_sign_in.AssertEndedAsync(refused);
        var last = new JsonWebToken(before.AccessToken);
        Assert.True(last.ValidTo - last.IssuedAt <= TimeSpan.FromMinutes(10));

        using (var enable = await Client.CallAsync(HttpMethod.Post, "/admin/users/ga-zhou/enable", admin))
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        var again = await CodeFlowSignIn.SignInAsync(Client, "ga-zhou", Password);
        using (var reset = await Client.CallAsync(HttpMethod.Post, "/admin/users/ga-zhou/password-reset", admin))
            Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        using (var refused = await CodeFlowSignIn.RefreshAsync(Client, again.RefreshToken!))
            await Console_sign_in.AssertEndedAsync(refused);
    }

    [Fact]
    public async Task A_locked_user_is_unlocked_by_an_administrator()
    {
        var admin = await AdminAsync();
        await Client.CreateUserAsync(admin, new { userName = "zr-sun", displayName = "自然资源和规划局 孙", role = "agency", agencyCode = "ZR" }, Password);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SignInAttemptAsync("zr-sun", "not the password " + i)).Status);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SignInAttemptAsync("zr-sun", Password)).Status);
        using (var unlock = await Client.CallAsync(HttpMethod.Post, "/admin/users/zr-sun/unlock", admin))
            Assert.Equal(JsonValueKind.Null, (await unlock.JsonAsync()).GetProperty("lockedUntil").ValueKind);
        await Client.TokenAsync("zr-sun", Password);
    }

    [Fact]
    public async Task A_reset_ends_the_old_password_and_its_one_time_code_sets_a_new_one_once()
    {
        var admin = await AdminAsync();
        await Client.CreateUserAsync(admin, new { userName = "sl-qian", displayName = "水利局 钱", role = "agency", agencyCode = "SL" }, Password);
        using var reset = await Client.CallAsync(HttpMethod.Post, "/admin/users/sl-qian/password-reset", admin);
        var code = (await reset.JsonAsync()).GetProperty("code").GetString();
        Assert.DoesNotContain(Password, await reset.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SignInAttemptAsync("sl-qian", Password)).Status);
        using (var otherUser = await Client.CallAsync(HttpMethod.Post, "/account/password", null, new { userName = "office", code, password = "taking over the office" }))
            Assert.True((await otherUser.ErrorsAsync(HttpStatusCode.UnprocessableEntity)).TryGetProperty("code", out _));
        using (var set = await Client.CallAsync(HttpMethod.Post, "/account/password", null, new { userName = "sl-qian", code, password = "the river runs to the sea" }))
            Assert.Equal(HttpStatusCode.NoContent, set.StatusCode);
        await Client.TokenAsync("sl-qian", "the river runs to the sea");
        using var reused = await Client.CallAsync(HttpMethod.Post, "/account/password", null, new { userName = "sl-qian", code, password = "another river to the sea" });
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
    }

    [Fact]
    public async Task A_user_changes_their_own_password_knowing_the_current_one()
    {
        var admin = await AdminAsync();
        await Client.CreateUserAsync(admin, new { userName = "discipline-wu", displayName = "专责小组 吴", role = "discipline" }, Password);
        var token = await Client.TokenAsync("discipline-wu", Password);
        using (var wrong = await Client.CallAsync(HttpMethod.Post, "/account/password/change", token, new { currentPassword = "not it at all", newPassword = "a brand new long phrase" }))
            Assert.True((await wrong.ErrorsAsync(HttpStatusCode.UnprocessableEntity)).TryGetProperty("currentPassword", out _));
        using (var common = await Client.CallAsync(HttpMethod.Post, "/account/password/change", token, new { currentPassword = Password, newPassword = "iloveyou1234" }))
            Assert.True((await common.ErrorsAsync(HttpStatusCode.BadRequest)).TryGetProperty("newPassword", out _));
        using (var changed = await Client.CallAsync(HttpMethod.Post, "/account/password/change", token, new { currentPassword = Password, newPassword = "a brand new long phrase" }))
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client.SignInAttemptAsync("discipline-wu", Password)).Status);
        await Client.TokenAsync("discipline-wu", "a brand new long phrase");
    }

    [Fact]
    public async Task Users_are_searched_and_listed_a_page_at_a_time()
    {
        var admin = await AdminAsync();
        foreach (var n in new[] { "1", "2", "3" })
        {
            using var created = await Client.CallAsync(HttpMethod.Post, "/admin/users", admin, new { userName = $"pager-{n}", displayName = $"翻页 {n}", role = "leader" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        var names = new List<string>();
        string? after = null;
        do
        {
            using var page = await Client.CallAsync(HttpMethod.Get, $"/admin/users?search=PAGER-&limit=2{(after is null ? "" : "&after=" + after)}", admin);
            var body = await page.JsonAsync();
            names.AddRange(body.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("userName").GetString()!));
            after = body.GetProperty("next").GetString();
        } while (after is not null);
        Assert.Equal(["pager-1", "pager-2", "pager-3"], names);
        using var byRole = await Client.CallAsync(HttpMethod.Get, "/admin/users?role=admin", admin);
        Assert.All((await byRole.JsonAsync()).GetProperty("items").EnumerateArray(), u => Assert.Equal("admin", u.GetProperty("role").GetString()));
    }
}
