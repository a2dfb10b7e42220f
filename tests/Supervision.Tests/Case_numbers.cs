using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>Case numbers restart each year on China's calendar, like filing numbers, and cards submitted at
/// once get consecutive numbers, none twice.</summary>
public sealed class Case_numbers : IAsyncLifetime
{
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    static object Card(string description) => new { type = "Misconduct", agencyCode = "YJ", description, occurredOn = "2026-11-30" };

    static string CaseNo(System.Text.Json.JsonElement card) => card.GetProperty("caseNo").GetString()!;

    [Fact]
    public async Task Numbers_are_consecutive_within_a_year_and_restart_on_the_first_of_January_in_China()
    {
        var burst = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => _host.SubmitCardAsync(SupervisionHost.E1, Card($"检查人员第{i}次要求企业提供与检查无关的资料"))));
        Assert.Equal(Enumerable.Range(1, 8).Select(n => $"JD2026-{n:D4}"), burst.Select(CaseNo).Order());

        // 23:59 on 31 December in China is still 2026, though it is the same day in UTC either way...
        _host.Clock.SetUtcNow(SupervisionHost.At("2026-12-31T23:59"));
        Assert.Equal("JD2026-0009", CaseNo(await _host.SubmitCardAsync(SupervisionHost.E2, Card("年末检查要求企业当日提交全年台账"))));
        // ...and 00:30 on 1 January in China (16:30 on 31 December in UTC) is the first case of 2027.
        _host.Clock.SetUtcNow(SupervisionHost.At("2027-01-01T00:30"));
        Assert.Equal("JD2027-0001", CaseNo(await _host.SubmitCardAsync(SupervisionHost.E2, Card("元旦凌晨突击检查未出示备案码"))));
        Assert.Equal("JD2027-0002", CaseNo(await _host.SubmitCardAsync(SupervisionHost.E3, Card("检查人员态度粗暴"))));
    }
}
