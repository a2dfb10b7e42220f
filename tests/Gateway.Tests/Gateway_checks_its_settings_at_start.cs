using Gateway.Data;
using TestInfrastructure;
using Xunit;

namespace Gateway.Tests;

/// <summary>The gateway stops at start, naming the setting, without the issuer of its tokens or the
/// address of a service it routes to (none is assumed), without its signing key outside Development
/// (replicas that each made up their own would refuse each other's tokens), or with a signing key it
/// cannot read.</summary>
public sealed class Gateway_checks_its_settings_at_start
{
    static Dictionary<string, string> Settings
    {
        get
        {
            var settings = new Dictionary<string, string>
            {
                ["ConnectionStrings:gateway"] = StartChecks.NoDatabase,
                ["ConnectionStrings:rabbitmq"] = StartChecks.NoBroker,
                ["Identity:Issuer"] = TestIdentity.Issuer,
                ["Identity:SigningKeyPem"] = TestIdentity.SigningKeyPem,
            };
            foreach (var service in Platform.ServiceNames) settings[$"ReverseProxy:Clusters:{service}:Destinations:d1:Address"] = $"http://{service}:8080";
            return settings;
        }
    }

    [Fact]
    public void Without_the_token_issuer_the_gateway_does_not_start() => StartChecks.StopsNaming<GatewayDb>(Settings, "Identity:Issuer");

    [Fact]
    public void Without_the_address_of_a_service_the_gateway_does_not_start() =>
        StartChecks.StopsNaming<GatewayDb>(Settings, "ReverseProxy:Clusters:filing:Destinations:d1:Address");

    [Fact]
    public void A_service_address_that_is_not_absolute_stops_it() =>
        StartChecks.StopsNaming<GatewayDb>(Settings, "ReverseProxy:Clusters:tolerance:Destinations:d1:Address", "tolerance:8080");

    [Fact]
    public void A_signing_key_that_is_not_an_RSA_private_key_stops_it() =>
        StartChecks.StopsNaming<GatewayDb>(Settings, "Identity:SigningKeyPem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----");

    [Fact]
    public void Outside_development_without_its_signing_key_the_gateway_does_not_start() =>
        StartChecks.StopsNaming<GatewayDb>(Settings, "Identity:SigningKeyPem");

    [Fact]
    public void In_development_a_single_gateway_starts_without_a_signing_key()
    {
        var settings = new Dictionary<string, string>(Settings) { ["environment"] = "Development" };
        settings.Remove("Identity:SigningKeyPem");
        Assert.Null(StartChecks.FailureOf<GatewayDb>(settings));
    }

    [Fact]
    public void A_previous_signing_key_that_is_not_an_RSA_private_key_stops_it() =>
        StartChecks.StopsNaming<GatewayDb>(Settings, "Identity:PreviousSigningKeyPem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----");

    [Fact]
    public void A_proxy_network_that_is_not_a_network_stops_it() =>
        StartChecks.StopsNaming<GatewayDb>(Settings, "ForwardedHeaders:KnownNetworks:0", "10.0.0.0/33");
}
