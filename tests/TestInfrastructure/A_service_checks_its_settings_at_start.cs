using Xunit;

namespace TestInfrastructure;

/// <summary>What every service requires, checked for each: it stops at start, naming the setting,
/// without the issuer of the tokens it trusts or the keys that sign them, with a key set it cannot
/// read, or with a broker prefetch of nothing. Each service's tests derive from this with their own
/// entry point and add their own.</summary>
public abstract class A_service_checks_its_settings_at_start<TEntryPoint>(string service) where TEntryPoint : class
{
    protected Dictionary<string, string> Settings => ServiceSettings.For(service, StartChecks.NoDatabase, StartChecks.NoBroker);

    [Fact]
    public void Without_the_token_issuer_it_does_not_start() => StartChecks.StopsNaming<TEntryPoint>(Settings, "Identity:Issuer");

    [Fact]
    public void Without_the_keys_that_sign_tokens_it_does_not_start() => StartChecks.StopsNaming<TEntryPoint>(Settings, "Identity:SigningKeys");

    [Fact]
    public void A_key_set_it_cannot_read_stops_it() => StartChecks.StopsNaming<TEntryPoint>(Settings, "Identity:SigningKeys", "{not a key set");

    [Fact]
    public void A_broker_prefetch_of_nothing_stops_it() => StartChecks.StopsNaming<TEntryPoint>(Settings, "Messaging:PrefetchCount", "0");
}
