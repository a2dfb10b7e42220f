using System.Net;
using System.Text.Json;
using Planning.Contracts;
using TestInfrastructure;
using Xunit;

namespace Filing.Tests;

/// <summary>A county files thousands of inspections a year: the office's list pages through every one of
/// them, the latest filed first, nothing left out and nothing twice (it once showed the oldest 500 and
/// never a new one); the filters hold on every page.</summary>
public sealed class Paging_through_filings : IAsyncLifetime
{
    const int Filings = 1_200;
    readonly FilingHost _host = new();
    public async Task InitializeAsync()
    {
        await _host.InitializeAsync();
        // A matter without a practical yearly cap, so 1,200 filings at one enterprise are all accepted.
        await _host.Bus.Publish(new MatterCatalogChanged("SJ-50", 1, "SJ", "特种设备使用登记", InspectionCategory.Routine, false, "《特种设备安全法》", 10_000,
            new DateOnly(2026, 1, 1), null, DateTimeOffset.UtcNow));
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "matters"), n => n == 3, "filing knows the matter");
    }

    public Task DisposeAsync() => _host.DisposeAsync();

    async Task<List<JsonElement>> AllAsync(string token, string filter, int limit)
    {
        var all = new List<JsonElement>();
        string? next = null;
        do
        {
            using var response = await _host.Client.CallAsync(HttpMethod.Get, $"/api/filing/filings?limit={limit}{filter}{(next is null ? "" : $"&after={next}")}", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.JsonAsync();
            var items = page.GetProperty("items").EnumerateArray().ToList();
            next = page.GetProperty("next").GetString();
            Assert.True(next is null ? items.Count <= limit : items.Count == limit, "only the last page is short");
            all.AddRange(items);
        } while (next is not null);
        return all;
    }

    [Fact]
    public async Task The_office_pages_through_1200_filings_the_latest_filed_first()
    {
        var days = new[] { "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08", "2026-12-09" };
        var numbers = new List<string>();
        for (var batch = 0; batch < Filings / 8; batch++)
        {
            // Eight at once, as an agency's system sends its day's visits; a minute between batches.
            var sent = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
            {
                var day = days[(batch * 8 + i) % days.Length];
                using var filed = await _host.Client.CallAsync(HttpMethod.Post, "/api/filing/filings", TestIdentity.Agency("SJ"), new
                {
                    unplannedReason = "特种设备定期核查", creditCode = FilingHost.Enterprise, matterCodes = new[] { "SJ-50" },
                    windowStart = $"{day}T09:00:00+08:00", windowEnd = $"{day}T11:00:00+08:00", inspectors = DemoRoster.Two("SJ"),
                });
                Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
                return (await filed.JsonAsync()).GetProperty("filingNo").GetString()!;
            }));
            numbers.AddRange(sent);
            _host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var office = await AllAsync(TestIdentity.Office(), "", 200);
        var listed = office.Select(f => f.GetProperty("filingNo").GetString()!).ToList();
        Assert.Equal(Filings, listed.Distinct().Count());
        Assert.True(numbers.ToHashSet().SetEquals(listed));
        // The latest filed first: numbers are given in filing order, so the list is the numbers backwards.
        Assert.Equal(numbers.OrderDescending(StringComparer.Ordinal), listed);
        Assert.Equal(listed, (await AllAsync(TestIdentity.Agency("SJ"), "", 73)).Select(f => f.GetProperty("filingNo").GetString()!));
        Assert.Empty(await AllAsync(TestIdentity.Agency("YJ"), "", 50));

        // Filters on every page: the days an inspection starts, the enterprise, the status.
        var onTheSeventh = await AllAsync(TestIdentity.Office(), "&from=2026-12-07&to=2026-12-07", 30);
        Assert.Equal(Filings / days.Length, onTheSeventh.Count);
        Assert.All(onTheSeventh, f => Assert.StartsWith("2026-12-07T01:00:00", f.GetProperty("windowStart").GetString()));
        Assert.Equal(Filings, (await AllAsync(TestIdentity.Office(), $"&creditCode={FilingHost.Enterprise}&status=Filed&agencyCode=SJ", 200)).Count);
        Assert.Empty(await AllAsync(TestIdentity.Office(), "&status=Completed", 200));

        foreach (var (query, field) in new[] { ("?limit=0", "limit"), ("?limit=201", "limit"), ("?after=BA2026-SJ-99999", "after"), ("?after=BA%0A1", "after"),
            ("?from=2026-12-09&to=2026-12-01", "to"), ("?creditCode=91330183MA2100001X", "creditCode"), ("?agencyCode=sj", "agencyCode") })
        {
            using var refused = await _host.Client.CallAsync(HttpMethod.Get, $"/api/filing/filings{query}", TestIdentity.Office());
            Assert.True((await refused.ErrorsAsync(HttpStatusCode.BadRequest)).TryGetProperty(field, out _), query);
        }
    }
}
