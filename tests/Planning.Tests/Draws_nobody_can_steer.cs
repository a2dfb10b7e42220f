using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TestInfrastructure;
using Xunit;

namespace Planning.Tests;

/// <summary>双随机 without a thumb on the scale: the office publishes a quarter's commitment before any
/// draw; the drawer cannot give a seed, cannot draw before the commitment nor for a quarter that is
/// over; only the first draw for a purpose counts (a re-draw needs a public reason, and no declaration
/// may cite it); once the quarter is over its secret is revealed and anyone, from the published values
/// alone, recomputes every seed and re-runs every draw.</summary>
public sealed class Draws_nobody_can_steer : IAsyncLifetime
{
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
    ServiceFactory<Planning.Api.Data.PlanningDb> _service = null!;
    HttpClient _client = null!;
    string _database = "";
    readonly string[] _enterprises = [Code("00011"), Code("00012"), Code("00013"), Code("00014")];

    static string Code(string serial)
    {
        var first17 = $"91330183MA2{serial}9";
        return first17 + ServiceDefaults.CreditCode.CheckCharacter(first17);
    }

    public async Task InitializeAsync()
    {
        var infra = await SharedInfrastructure.GetAsync();
        var broker = await infra.RabbitMq.CreateVirtualHostAsync("draws");
        var database = _database = await infra.Postgres.CreateDatabaseAsync("planning");
        _service = new ServiceFactory<Planning.Api.Data.PlanningDb>(ServiceSettings.For("planning", database, broker), services => services.AddSingleton<TimeProvider>(_clock));
        _client = _service.CreateClient();
        var office = TestIdentity.Office();
        foreach (var code in new[] { "YJ-D1", "YJ-D2" })
            Assert.Equal(HttpStatusCode.Created, (await _client.CallAsync(HttpMethod.Post, "/api/planning/matters", office, new
            {
                code, agencyCode = "YJ", name = $"事项{code}", category = "Routine", mergeable = true, legalBasis = "《安全生产法》第六十五条",
                yearlyCapPerEnterprise = 2, effectiveFrom = "2026-01-01",
            })).StatusCode);
        foreach (var code in _enterprises)
            Assert.Equal(HttpStatusCode.Created, (await _client.CallAsync(HttpMethod.Post, "/api/planning/enterprises", office, new
            {
                creditCode = code, name = $"抽取企业{code[^4..]}", zone = "A区", industry = "化工", riskLevel = "Medium",
            })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.CallAsync(HttpMethod.Put, "/api/planning/agencies/YJ", office, new
        {
            inspectors = Enumerable.Range(1, 5).Select(i => new { certificateNo = $"3301830{i}001", name = $"检查员{i}", validFrom = "2020-01-01", validUntil = "2099-12-31" }).ToArray(),
        })).StatusCode);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _service.DisposeAsync();
    }

    /// <summary>Every table of planning's database with a row whose text holds <paramref name="text"/>.</summary>
    async Task<List<string>> RowsHoldingAsync(string text)
    {
        var tables = (await Sql.ScalarAsync<string>(_database,
            "SELECT string_agg(quote_ident(table_schema) || '.' || quote_ident(table_name), ',') FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')")).Split(',');
        Assert.Contains(tables, t => t.EndsWith("draw_commitments", StringComparison.Ordinal));
        var holding = new List<string>();
        foreach (var table in tables)
            if (await Sql.ScalarAsync<long>(_database, $"SELECT count(*) FROM {table} t WHERE t::text LIKE '%' || $1 || '%'", text) > 0) holding.Add(table);
        return holding;
    }

    Task<HttpResponseMessage> DrawAsync(string matter, string? reason = null, string period = "2026-Q4") =>
        _client.CallAsync(HttpMethod.Post, "/api/planning/draws", TestIdentity.Agency("YJ"), new { period, matterCodes = new[] { matter }, reason, enterpriseCount = 2, inspectorCount = 2 });

    static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public async Task A_draw_comes_from_the_published_commitment_only_its_first_counts_and_anyone_checks_it_once_the_quarter_is_over()
    {
        // Nothing to draw from before the office commits.
        using (var early = await DrawAsync("YJ-D1"))
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        using (var byAgency = await _client.CallAsync(HttpMethod.Post, "/api/planning/draws/commitments", TestIdentity.Agency("YJ"), new { period = "2026-Q4" }))
            Assert.Equal(HttpStatusCode.Forbidden, byAgency.StatusCode);
        using var published = await _client.CallAsync(HttpMethod.Post, "/api/planning/draws/commitments", TestIdentity.Office(), new { period = "2026-Q4" });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
        var commitment = (await published.JsonAsync()).GetProperty("commitment").GetString()!;
        using (var again = await _client.CallAsync(HttpMethod.Post, "/api/planning/draws/commitments", TestIdentity.Office(), new { period = "2026-Q4" }))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using (var over = await _client.CallAsync(HttpMethod.Post, "/api/planning/draws/commitments", TestIdentity.Office(), new { period = "2026-Q3" }))
            await over.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "period");
        using (var shown = await _client.GetAsync("/api/planning/draws/commitments/2026-Q4"))
        {
            var body = await shown.JsonAsync();
            Assert.Equal(commitment, body.GetProperty("commitment").GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("secret").ValueKind);
        }

        // The drawer may not bring a seed.
        using (var seeded = await _client.CallAsync(HttpMethod.Post, "/api/planning/draws", TestIdentity.Agency("YJ"),
                   new { period = "2026-Q4", matterCodes = new[] { "YJ-D1" }, seed = "我选的种子12345", enterpriseCount = 2, inspectorCount = 2 }))
            await seeded.AssertProblemAsync(HttpStatusCode.BadRequest, "seed");

        using var first = await DrawAsync("YJ-D1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var draw = await first.JsonAsync();
        Assert.Equal(1, draw.GetProperty("number").GetInt32());
        Assert.True(draw.GetProperty("counts").GetBoolean());

        // Again for the same matters: only with a reason, shown to all, and it does not count.
        using (var silent = await DrawAsync("YJ-D1"))
            await silent.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "reason");
        using var redraw = await DrawAsync("YJ-D1", "名录新增企业后重新抽取");
        Assert.Equal(HttpStatusCode.Created, redraw.StatusCode);
        var second = await redraw.JsonAsync();
        Assert.Equal(2, second.GetProperty("number").GetInt32());
        Assert.False(second.GetProperty("counts").GetBoolean());
        using (var list = await _client.GetAsync("/api/planning/draws?period=2026-Q4&agencyCode=YJ"))
        {
            var draws = (await list.JsonAsync()).EnumerateArray().ToList();
            Assert.Equal([1, 2], draws.Select(d => d.GetProperty("number").GetInt32()));
            Assert.Equal("名录新增企业后重新抽取", draws[1].GetProperty("reason").GetString());
        }
        object Declaration(string drawId) => new
        {
            period = "2026-Q4", matterCodes = new[] { "YJ-D1" }, drawId, windowFrom = "2026-12-07", windowTo = "2026-12-18",
            mandateLevel = "County", category = "Routine", method = "双随机现场检查",
        };
        using (var citingRedraw = await _client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency("YJ"), Declaration(second.GetProperty("id").GetString()!)))
            await citingRedraw.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "drawId");
        using (var citingFirst = await _client.CallAsync(HttpMethod.Post, "/api/planning/declarations", TestIdentity.Agency("YJ"), Declaration(draw.GetProperty("id").GetString()!)))
            Assert.Equal(HttpStatusCode.Created, citingFirst.StatusCode);

        // While the quarter runs, the seed's origin cannot be checked yet (nor foreseen).
        var id = draw.GetProperty("id").GetString();
        using (var check = await _client.GetAsync($"/api/planning/draws/{id}/check"))
        {
            var body = await check.JsonAsync();
            Assert.Equal(System.Text.Json.JsonValueKind.Null, body.GetProperty("reproduced").ValueKind);
            Assert.Equal("2027-01-01", body.GetProperty("verifiableFrom").GetString());
        }

        // The quarter is over: the secret is out, no more draws for it, and anyone recomputes the seeds.
        _clock.SetUtcNow(new DateTimeOffset(2027, 1, 1, 9, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        using (var late = await DrawAsync("YJ-D2", period: "2026-Q4"))
            await late.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "period");
        var secret = (await (await _client.GetAsync("/api/planning/draws/commitments/2026-Q4")).JsonAsync()).GetProperty("secret").GetString()!;
        Assert.Equal(commitment, Sha256(secret));
        // Shown now, and kept in no table before nor after: it is derived from the county's draw key.
        Assert.Empty(await RowsHoldingAsync(secret));
        foreach (var d in new[] { draw, second })
        {
            var seed = Sha256(string.Join('\n', secret, "YJ", "2026-Q4", "YJ-D1", d.GetProperty("number").GetInt32().ToString(), d.GetProperty("poolHash").GetString()));
            Assert.Equal(seed, d.GetProperty("seed").GetString());
            using var check = await _client.GetAsync($"/api/planning/draws/{d.GetProperty("id").GetString()}/check");
            var body = await check.JsonAsync();
            Assert.True(body.GetProperty("reproduced").GetBoolean());
            Assert.True(body.GetProperty("seedFromCommitment").GetBoolean());
        }
    }

    [Fact]
    public async Task Draws_at_the_same_moment_for_one_purpose_give_one_first_draw()
    {
        using (var published = await _client.CallAsync(HttpMethod.Post, "/api/planning/draws/commitments", TestIdentity.Office(), new { period = "2027-Q1" }))
            Assert.True(published.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
        for (var round = 0; round < 5; round++)
        {
            var matter = round % 2 == 0 ? "YJ-D1" : "YJ-D2";
            var period = $"2027-Q1";
            var before = (await (await _client.GetAsync($"/api/planning/draws?period={period}&agencyCode=YJ")).JsonAsync()).EnumerateArray()
                .Count(d => d.GetProperty("matterCodes")[0].GetString() == matter);
            var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => DrawAsync(matter, before == 0 ? null : "复核重抽", period)));
            var after = (await (await _client.GetAsync($"/api/planning/draws?period={period}&agencyCode=YJ")).JsonAsync()).EnumerateArray()
                .Where(d => d.GetProperty("matterCodes")[0].GetString() == matter).ToList();
            Assert.Equal(answers.Count(a => a.StatusCode == HttpStatusCode.Created), after.Count - before);
            Assert.Single(after, d => d.GetProperty("number").GetInt32() == 1);
            Assert.Equal(after.Count, after.Select(d => d.GetProperty("number").GetInt32()).Distinct().Count());
            Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict, HttpStatusCode.UnprocessableEntity }));
            foreach (var a in answers) a.Dispose();
        }
    }
}
