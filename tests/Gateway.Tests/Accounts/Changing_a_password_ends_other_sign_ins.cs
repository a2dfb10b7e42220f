using System.Net;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests.Accounts;

/// <summary>A password is changed when someone else may know it: the change ends every other sign-in of
/// the user (their refresh tokens no longer work), and the sign-in that changed it goes on.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Changing_a_password_ends_other_sign_ins(PlatformFixture platform)
{
    const string Password = "the first long phrase of a clerk";
    HttpClient Client => platform.Client;

    [Fact]
    public async Task Changing_ones_own_password_ends_the_other_sign_ins_and_keeps_this_one()
    {
        var admin = await Client.TokenAsync("admin", Accounts_are_administered.DemoPassword);
        var userName = $"hb-{Guid.NewGuid():N}"[..16];
        await Client.CreateUserAsync(admin, new { userName, displayName = "生态环境分局 何", role = "agency", agencyCode = "HB" }, Password);
        var elsewhere = await CodeFlowSignIn.SignInAsync(Client, userName, Password);
        var here = await CodeFlowSignIn.SignInAsync(Client, userName, Password);
        // Another user's sign-in is not this user's to end.
        var someoneElse = await CodeFlowSignIn.SignInAsync(Client, "leader", PlatformFixture.Password);

        using (var changed = await Client.CallAsync(HttpMethod.Post, "/account/password/change", here.AccessToken,
                   new { currentPassword = Password, newPassword = "a second phrase nobody else knows" }))
            Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        using (var ended = await CodeFlowSignIn.RefreshAsync(Client, elsewhere.RefreshToken!))
            await Console_sign_in.AssertEndedAsync(ended);
        using (var goesOn = await CodeFlowSignIn.RefreshAsync(Client, here.RefreshToken!))
            Assert.True(goesOn.StatusCode == HttpStatusCode.OK, await goesOn.Content.ReadAsStringAsync());
        using (var untouched = await CodeFlowSignIn.RefreshAsync(Client, someoneElse.RefreshToken!))
            Assert.Equal(HttpStatusCode.OK, untouched.StatusCode);
    }
}
