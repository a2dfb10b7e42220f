using System.Diagnostics;
using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary><c>deploy/local/console-token.sh</c>, run as an operator runs it against the gateway: it signs
/// in as the console does (code flow with PKCE, with curl) and prints an access token, and nothing else, that
/// a service's parked-messages endpoint takes; a wrong password prints no token and fails.</summary>
[Collection(PlatformCollection.Name)]
public sealed class Console_token_for_operators(PlatformFixture platform)
{
    [Fact]
    public async Task The_script_prints_an_office_token_that_the_parked_messages_endpoint_takes()
    {
        var (status, output, errors) = await RunAsync("office", PlatformFixture.Password);
        Assert.True(status == 0, errors);
        var token = output.Trim();
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(("office", "office"), (new JsonWebToken(token).Subject, new JsonWebToken(token).GetClaim("role").Value));
        Assert.DoesNotContain(PlatformFixture.Password, output + errors);

        using var filing = platform.Platform.Services["filing"].CreateClient();
        using var parked = await filing.CallAsync(HttpMethod.Get, "/operations/messages/parked", token);
        Assert.Equal(HttpStatusCode.OK, parked.StatusCode);
    }

    [Fact]
    public async Task A_refused_sign_in_prints_no_token_and_fails()
    {
        // An unknown user: a wrong password of a real one would count towards its lockout.
        var (status, output, errors) = await RunAsync("no-such-operator", "not the password at all");
        Assert.Equal(1, status);
        Assert.Equal("", output);
        Assert.Contains("wrong", errors);
        Assert.DoesNotContain("not the password at all", errors);
    }

    async Task<(int Status, string Output, string Errors)> RunAsync(string user, string password)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "deploy", "local", "console-token.sh"), platform.Platform.Address.ToString()])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
            Environment = { ["PARK_USER"] = user, ["PARK_PASSWORD"] = password },
        };
        using var script = Process.Start(start)!;
        script.StandardInput.Close();
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        return (script.ExitCode, await output, await errors);
    }
}
