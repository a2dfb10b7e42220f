using Filing.Api.Data;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>Filing does not start without an absolute address for the page its QR codes open: a
/// missing one used to send every phone at the gate to 127.0.0.1.</summary>
public sealed class Filing_checks_its_settings_at_start() : A_service_checks_its_settings_at_start<FilingDb>("filing")
{
    [Fact]
    public void Without_the_page_its_QR_codes_open_filing_does_not_start() => StartChecks.StopsNaming<FilingDb>(Settings, "Filing:VerificationPage");

    [Fact]
    public void A_verification_page_that_is_not_an_absolute_address_stops_it() => StartChecks.StopsNaming<FilingDb>(Settings, "Filing:VerificationPage", "/console/verify?code=");

    [Fact]
    public void A_grace_period_for_an_emergency_end_that_is_not_longer_than_zero_stops_it() => StartChecks.StopsNaming<FilingDb>(Settings, "Filing:EndGracePeriod", "-12:00:00");
}
