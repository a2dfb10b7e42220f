using System.Net;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>The case ledger is read a page at a time, newest first, with nothing left out and nothing twice;
/// its filters (state, month, overdue) hold on every page; a bad page request is refused naming the field.</summary>
public sealed class Paging_through_cases : IAsyncLifetime
{
    // Cards wait for sign-off here for weeks: only the weekly updates make a case overdue in this test.
    readonly SupervisionHost _host = new(new Dictionary<string, string> { ["Supervision:SignOffWithinDays"] = "60" });
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    async Task<(List<JsonElement> Items, string? Next)> PageAsync(string query, string token)
    {
        var (status, text) = await _host.GetAsync($"/api/supervision/cases{query}", token);
        Assert.True(status == HttpStatusCode.OK, text);
        var page = JsonDocument.Parse(text).RootElement;
        return (page.GetProperty("items").EnumerateArray().ToList(), page.GetProperty("next").GetString());
    }

    async Task<List<string>> AllAsync(string filter, string token, int limit)
    {
        var numbers = new List<string>();
        string? next = null;
        do
        {
            var (items, after) = await PageAsync($"?limit={limit}{filter}{(next is null ? "" : $"&after={next}")}", token);
            Assert.True(items.Count <= limit);
            Assert.True(after is null || items.Count == limit, "a page that is not the last is full");
            numbers.AddRange(items.Select(i => i.GetProperty("caseNo").GetString()!));
            next = after;
        } while (next is not null);
        return numbers;
    }

    [Fact]
    public async Task Every_case_is_read_once_newest_first_and_the_filters_hold_on_every_page()
    {
        var ids = new List<Guid>();
        foreach (var (day, n) in new[] { ("2026-12-02", 4), ("2027-01-05", 7) })
        {
            _host.Clock.SetUtcNow(SupervisionHost.At($"{day}T09:00"));
            for (var i = 0; i < n; i++)
            {
                _host.Clock.Advance(TimeSpan.FromMinutes(1));
                ids.Add((await _host.SubmitCardAsync(SupervisionHost.E1, new { type = "ReasonableDemand", description = $"希望合并同一周的检查（{day} 第{i + 1}件）" })).GetProperty("id").GetGuid());
            }
        }
        // Numbers restart in 2027; the order is by when the cases were opened.
        var newestFirst = Enumerable.Range(1, 7).Reverse().Select(n => $"JD2027-{n:D4}").Concat(Enumerable.Range(1, 4).Reverse().Select(n => $"JD2026-{n:D4}")).ToList();
        foreach (var token in new[] { TestIdentity.Office(), TestIdentity.Enterprise(SupervisionHost.E1) })
        {
            Assert.Equal(newestFirst, await AllAsync("", token, 3));
            Assert.Equal(newestFirst, await AllAsync("", token, 11));
        }
        Assert.Equal(newestFirst.Skip(7), await AllAsync("&month=2026-12", TestIdentity.Office(), 2));

        // Two cases assigned a week ago and not updated since are overdue; the filter finds exactly them, a page at a time.
        await _host.AssignAsync(ids[0], "SJ", "2027-03-31");
        await _host.AssignAsync(ids[5], "SJ", "2027-03-31");
        await _host.AssignAsync(ids[9], "SJ", "2027-03-31");
        _host.Clock.Advance(TimeSpan.FromDays(8));
        Assert.Equal(HttpStatusCode.OK, (await _host.StepAsync(ids[9], "progress", TestIdentity.Agency("SJ"), new { note = "正在核实" })).Status);
        Assert.Equal(["JD2027-0002", "JD2026-0001"], await AllAsync("&overdue=true", TestIdentity.Office(), 1));
        Assert.Equal(9, (await AllAsync("&overdue=false", TestIdentity.Office(), 4)).Count);
        Assert.Equal(["JD2027-0006", "JD2027-0002", "JD2026-0001"], await AllAsync("&agencyCode=SJ", TestIdentity.Agency("SJ"), 2));
        // An agency cannot page from a case it does not see: the number names nothing in its list.
        var (refused, problem) = await _host.GetAsync("/api/supervision/cases?after=JD2026-0002", TestIdentity.Agency("SJ"));
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("\"after\"", problem);
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=201", "limit")]
    [InlineData("?after=JD2026%0A0001", "after")]
    [InlineData("?after=JD2099-0001", "after")]
    [InlineData("?month=2026-13", "month")]
    [InlineData("?month=December", "month")]
    public async Task A_bad_page_request_is_refused_naming_the_field(string query, string field)
    {
        var (status, text) = await _host.GetAsync($"/api/supervision/cases{query}", TestIdentity.Office());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty(field, out _), text);
    }
}
