using System.Net;
using System.Text.Json;
using TestInfrastructure;
using Xunit;

namespace Supervision.Tests;

/// <summary>An agency that wants to know who rated it asks for every period it can and subtracts: the
/// year minus three quarters, a quarter before and after one more rating, any other period shape. It
/// learns nothing of a quarter holding fewer than k (3) ratings, nor of a rating waiting for its group:
/// a year is the sum of its released quarters, and ratings come out per quarter in groups of k.</summary>
public sealed class Ratings_cannot_be_differenced : IAsyncLifetime
{
    const string Secret = "Q4唯一一条评价";
    const string Waiting = "Q2第四条评价";
    readonly SupervisionHost _host = new();
    public Task InitializeAsync() => _host.InitializeAsync();
    public Task DisposeAsync() => _host.DisposeAsync();

    static readonly string[] Enterprises = [SupervisionHost.E1, SupervisionHost.E2, SupervisionHost.E3];
    int _filings;

    /// <summary>An inspection by YJ completed on the day, rated a minute after the previous rating.</summary>
    async Task RateAsync(string completedOn, int score, string? comment = null)
    {
        var filingNo = $"BA2026-YJ-{++_filings:D5}";
        var enterprise = Enterprises[_filings % 3];
        var done = SupervisionHost.At($"{completedOn}T15:00");
        await _host.InspectAsync(filingNo, enterprise, ["YJ"], done.AddDays(-3), done);
        await Eventually.Until(() => Sql.CountAsync(_host.Database, "inspections", "filing_no = $1 AND completed_at IS NOT NULL", filingNo), n => n == 1, "the inspection is known");
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var response = await _host.Client.CallAsync(HttpMethod.Post, "/api/supervision/evaluations", TestIdentity.Enterprise(enterprise),
            new { filingNo, procedure = score, efficiency = score, attitude = score, integrity = score, comment });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    async Task<JsonElement> AgencyReadsAsync(string period)
    {
        var (status, text) = await _host.GetAsync($"/api/supervision/evaluations?period={Uri.EscapeDataString(period)}", TestIdentity.Agency("YJ"));
        Assert.True(status == HttpStatusCode.OK, $"{period}: {status} {text}");
        Assert.DoesNotContain(Secret, text);
        Assert.DoesNotContain(Waiting, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The released ratings' scores and comments, each as one line, sorted: what the agency can subtract.</summary>
    static List<string> Items(JsonElement view) =>
        [.. view.GetProperty("items").EnumerateArray().Select(i => $"{i.GetProperty("procedure")}/{i.GetProperty("integrity")}/{i.GetProperty("comment")}").Order(StringComparer.Ordinal)];

    static double Sum(JsonElement view) =>
        view.GetProperty("released").GetInt32() == 0 ? 0 : view.GetProperty("score").GetDouble() * view.GetProperty("released").GetInt32();

    async Task FourQuartersAsync()
    {
        // Q1 and Q3 three ratings each; Q2 four, the fourth given last; Q4 a single one.
        foreach (var (day, score, comment) in new[] { ("2026-02-10", 5, "Q1甲"), ("2026-03-02", 4, "Q1乙"), ("2026-03-20", 3, (string?)null),
            ("2026-04-08", 4, "Q2甲"), ("2026-05-12", 4, "Q2乙"), ("2026-06-01", 2, "Q2丙"), ("2026-06-15", 5, Waiting),
            ("2026-07-07", 3, "Q3甲"), ("2026-08-18", 3, "Q3乙"), ("2026-09-29", 4, "Q3丙"), ("2026-11-10", 1, Secret) })
            await RateAsync(day, score, comment);
    }

    [Fact]
    public async Task The_year_minus_its_quarters_leaves_nothing_of_a_withheld_quarter_or_a_waiting_rating()
    {
        await FourQuartersAsync();
        var year = await AgencyReadsAsync("2026");
        var quarters = new List<JsonElement>();
        foreach (var q in new[] { "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4" })
            quarters.Add(await AgencyReadsAsync(q));

        Assert.Equal([3, 3, 3, 0], quarters.Select(q => q.GetProperty("released").GetInt32()));
        Assert.Equal([3, 4, 3, 1], quarters.Select(q => q.GetProperty("ratings").GetInt32()));
        Assert.Equal(JsonValueKind.Null, quarters[3].GetProperty("score").ValueKind);
        // The year is exactly its quarters' released ratings: subtracting them leaves nothing.
        Assert.Equal(9, year.GetProperty("released").GetInt32());
        Assert.Equal(quarters.SelectMany(Items).Order(StringComparer.Ordinal), Items(year));
        Assert.Equal(quarters.Sum(Sum), Sum(year), 9);
        foreach (var dimension in new[] { "procedure", "efficiency", "attitude", "integrity" })
            Assert.Equal(quarters.Where(q => q.GetProperty("released").GetInt32() > 0).Sum(q => q.GetProperty(dimension).GetDouble() * 3),
                year.GetProperty(dimension).GetDouble() * 9, 9);

        // Any other shape of period is refused, naming the period.
        foreach (var shape in new[] { "2026-11", "2026-H2", "2026-W46", "2026-11-10", "2026-Q4..2026-Q4", "2025-2026", "2026-Q5", "Q4", "" })
        {
            var (status, text) = await _host.GetAsync($"/api/supervision/evaluations?period={Uri.EscapeDataString(shape)}", TestIdentity.Agency("YJ"));
            Assert.True(status == HttpStatusCode.BadRequest, $"'{shape}': {status}");
            Assert.True(JsonDocument.Parse(text).RootElement.GetProperty("errors").TryGetProperty("period", out _), text);
        }
    }

    [Fact]
    public async Task Reading_a_quarter_before_and_after_a_rating_shows_ratings_only_in_groups_of_three()
    {
        await FourQuartersAsync();
        var before = await AgencyReadsAsync("2026-Q2");
        await RateAsync("2026-05-20", 1, "Q2第五条评价");
        var after = await AgencyReadsAsync("2026-Q2");
        Assert.Equal((5, 3), (after.GetProperty("ratings").GetInt32(), after.GetProperty("released").GetInt32()));
        Assert.Equal(Items(before), Items(after));
        Assert.Equal(Sum(before), Sum(after), 9);

        // The sixth completes a second group: three ratings come out together, the waiting one among them.
        await RateAsync("2026-04-20", 3, "Q2第六条评价");
        var (_, text) = await _host.GetAsync("/api/supervision/evaluations?period=2026-Q2", TestIdentity.Agency("YJ"));
        var grown = JsonDocument.Parse(text).RootElement;
        Assert.Equal(6, grown.GetProperty("released").GetInt32());
        Assert.Equal(3, Items(grown).Except(Items(before)).Count());
        Assert.Contains(Waiting, text);
        Assert.DoesNotContain(Secret, text);
    }

    [Fact]
    public async Task Published_rankings_and_the_indicators_add_up_to_released_ratings_only()
    {
        await FourQuartersAsync();
        var released = await AgencyReadsAsync("2026");
        _host.Clock.SetUtcNow(SupervisionHost.At("2027-01-04T09:00"));
        var lines = new Dictionary<string, JsonElement?>();
        foreach (var period in new[] { "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4", "2026" })
        {
            using (var published = await _host.Client.CallAsync(HttpMethod.Post, $"/api/supervision/rankings/{period}/publish", TestIdentity.Office()))
                Assert.Equal(HttpStatusCode.Created, published.StatusCode);
            var (_, text) = await _host.GetAsync($"/api/supervision/rankings/{period}", null);
            lines[period] = JsonDocument.Parse(text).RootElement.GetProperty("agencies").EnumerateArray()
                .Where(l => l.GetProperty("agencyCode").GetString() == "YJ").Select(l => (JsonElement?)l.Clone()).SingleOrDefault();
        }
        Assert.Null(lines["2026-Q4"]);
        static double Total(JsonElement? line) => line is { } l ? l.GetProperty("mean").GetDouble() * l.GetProperty("ratings").GetInt32() : 0;
        Assert.Equal(9, lines["2026"]!.Value.GetProperty("ratings").GetInt32());
        Assert.Equal(lines.Where(l => l.Key != "2026").Sum(l => Total(l.Value)), Total(lines["2026"]), 3);
        Assert.Equal(Sum(released) / 9, lines["2026"]!.Value.GetProperty("mean").GetDouble(), 3);

        var (_, indicators) = await _host.GetAsync("/api/supervision/indicators?period=2026", TestIdentity.Agency("YJ"));
        var evaluations = JsonDocument.Parse(indicators).RootElement.GetProperty("evaluations");
        Assert.Equal(11, evaluations.GetProperty("ratings").GetInt32());
        Assert.Equal(Sum(released) / 9, evaluations.GetProperty("meanScore").GetDouble(), 3);
    }
}
