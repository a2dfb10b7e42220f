using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Filing.Contracts;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>Agency systems send a filing again when its answer is lost (a timeout, a restart of either
/// side). With the same Idempotency-Key they get the filing made the first time, never a second one;
/// and concurrent filings of one agency get consecutive numbers without refusals.</summary>
public sealed class Filings_sent_again(FilingHost host) : IClassFixture<FilingHost>, IAsyncLifetime
{
    // A matter without a yearly cap, so many filings at one enterprise are allowed.
    public async Task InitializeAsync()
    {
        await host.Bus.Publish(new MatterCatalogChanged("YJ-07", 1, "YJ", "安全生产标准化", InspectionCategory.Routine, true, "《安全生产法》", 0, new DateOnly(2026, 1, 1), null, DateTimeOffset.UtcNow));
        await Eventually.Until(() => Sql.CountAsync(host.Database, "matters", "code = 'YJ-07'"), n => n == 1, "filing knows YJ-07");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // Windows to the ten-millionth of a second, as some systems send them (PostgreSQL keeps microseconds).
    static object Unplanned(int hour, string reason = "接群众举报，核查安全生产标准化") => new
    {
        unplannedReason = reason, creditCode = FilingHost.Enterprise, matterCodes = new[] { "YJ-07" },
        windowStart = $"2026-12-03T{hour:D2}:00:00.1234567+08:00", windowEnd = $"2026-12-03T{hour:D2}:30:00.7654321+08:00",
        inspectors = DemoRoster.Two("YJ"),
    };

    Task<HttpResponseMessage> FileAsync(object body, string? key, string agency = "YJ")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/filing/filings") { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestIdentity.Agency(agency));
        if (key is not null) request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return host.Client.SendAsync(request);
    }

    Task<long> FilingsWithKey(string key) => Sql.CountAsync(host.Database, "filings", "request_key = $1", key);

    [Fact]
    public async Task A_filing_sent_again_with_its_key_is_the_same_filing_and_its_event_is_published_once()
    {
        var key = Guid.NewGuid().ToString();
        using var first = await FileAsync(Unplanned(9), key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var filingNo = (await first.JsonAsync()).GetProperty("filingNo").GetString();

        using var again = await FileAsync(Unplanned(9), key);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var replay = await again.JsonAsync();
        Assert.Equal(filingNo, replay.GetProperty("filingNo").GetString());
        Assert.Equal((await first.JsonAsync()).GetProperty("verificationCode").GetString(), replay.GetProperty("verificationCode").GetString());

        Assert.Equal(1, await FilingsWithKey(key));
        Assert.Equal(1, await Sql.CountAsync(host.Database, "outbox_messages", "body->>'filingNo' = $1", filingNo!));
        await Eventually.Until(() => Task.FromResult(host.Published.OfType<InspectionFiled>().Count(f => f.FilingNo == filingNo)), n => n == 1, "InspectionFiled is published");
        await host.QuietAsync();
        Assert.Single(host.Published.OfType<InspectionFiled>(), f => f.FilingNo == filingNo);
    }

    [Fact]
    public async Task Concurrent_sends_of_one_request_make_one_filing_and_all_get_its_number()
    {
        var key = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => FileAsync(Unplanned(10), key)));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{a.StatusCode}"));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        var numbers = await Task.WhenAll(answers.Select(async a => (await a.JsonAsync()).GetProperty("filingNo").GetString()));
        Assert.Single(numbers.Distinct());
        Assert.Equal(1, await FilingsWithKey(key));
        foreach (var a in answers) a.Dispose();
    }

    [Fact]
    public async Task Concurrent_sends_of_one_visits_filing_make_one_filing_and_all_get_its_number()
    {
        // A double click on the console's form: the same scheduled visit, the same key, at once.
        var key = Guid.NewGuid().ToString();
        var visit = new
        {
            jointId = FilingHost.JointId, windowStart = "2026-12-09T09:00:00+08:00", windowEnd = "2026-12-09T12:00:00+08:00",
            inspectors = DemoRoster.Two("YJ"),
        };
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => FileAsync(visit, key)));
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, $"{a.StatusCode}"));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Single((await Task.WhenAll(answers.Select(async a => (await a.JsonAsync()).GetProperty("filingNo").GetString()))).Distinct());
        Assert.Equal(1, await Sql.CountAsync(host.Database, "filings", "joint_id = $1", FilingHost.JointId));
        foreach (var a in answers) a.Dispose();
    }

    [Fact]
    public async Task A_key_used_again_for_another_filing_is_refused_naming_the_key_and_nothing_is_stored()
    {
        var key = Guid.NewGuid().ToString();
        using (var first = await FileAsync(Unplanned(11), key)) Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var outbox = await Sql.CountAsync(host.Database, "outbox_messages");

        using var other = await FileAsync(Unplanned(12), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.True((await other.JsonAsync()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(1, await FilingsWithKey(key));
        Assert.Equal(outbox, await Sql.CountAsync(host.Database, "outbox_messages"));

        // The key is the agency's own: another agency may use the same text for its own filing.
        var xf = new
        {
            unplannedReason = "消防设施专项核查", creditCode = FilingHost.Enterprise, matterCodes = new[] { "XF-01" },
            windowStart = "2026-12-03T14:00:00+08:00", windowEnd = "2026-12-03T15:00:00+08:00",
            inspectors = DemoRoster.Two("XF"),
        };
        using var byAnother = await FileAsync(xf, key, "XF");
        Assert.Equal(HttpStatusCode.Created, byAnother.StatusCode);
    }

    [Theory]
    [InlineData("键")]
    [InlineData("has space")]
    [InlineData("x100")]
    public async Task A_malformed_key_is_a_bad_request_naming_the_key(string key)
    {
        if (key == "x100") key = new string('x', 101);
        var before = await Sql.CountAsync(host.Database, "filings");
        using var response = await FileAsync(Unplanned(13), key);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(before, await Sql.CountAsync(host.Database, "filings"));
    }

    [Fact]
    public async Task Concurrent_filings_of_one_agency_all_succeed_with_consecutive_numbers()
    {
        var before = await Sql.CountAsync(host.Database, "filings", "lead_agency = 'YJ'");
        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => FileAsync(Unplanned(14, $"核查安全生产标准化第{i}项"), null)));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var sequences = (await Task.WhenAll(answers.Select(async a => (await a.JsonAsync()).GetProperty("filingNo").GetString()!)))
            .Select(no => int.Parse(no.Split('-')[2])).Order().ToList();
        // Consecutive after the agency's earlier filings: no number lost, none given twice.
        Assert.Equal(Enumerable.Range((int)before + 1, 24), sequences);
        foreach (var a in answers) a.Dispose();
    }

    [Fact]
    public async Task Concurrent_emergency_pre_filings_of_one_agency_all_succeed_with_consecutive_numbers()
    {
        var before = await Sql.CountAsync(host.Database, "emergency_pre_filings", "agency_code = 'SJ'");
        var approvedAt = host.Clock.GetUtcNow().AddMinutes(-30);
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => host.Client.CallAsync(HttpMethod.Post, "/api/filing/emergency", TestIdentity.Agency("SJ"), new
        {
            creditCode = FilingHost.Enterprise, reason = $"群众举报食品安全事故第{i}起", approvedBy = "钱副局长", approvedAt, expectedEndAt = approvedAt.AddHours(3),
        })));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var numbers = (await Task.WhenAll(answers.Select(async a => (await a.JsonAsync()).GetProperty("provisionalNo").GetString()!))).Order(StringComparer.Ordinal).ToList();
        var year = numbers[0][2..6];
        Assert.Equal(Enumerable.Range((int)before + 1, 12).Select(n => $"JJ{year}-SJ-{n:D4}"), numbers);
        foreach (var a in answers) a.Dispose();
    }
}
