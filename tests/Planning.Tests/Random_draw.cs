using Planning.Domain;
using Xunit;

namespace Planning.Tests;

public sealed class Random_draw
{
    static readonly List<string> Pool = Enumerable.Range(0, 40).Select(i => $"E{i:D3}").ToList();
    static readonly List<Inspector> Roster = Enumerable.Range(0, 8).Select(i => new Inspector($"33{i:D6}", $"检查员{i}")).ToList();

    [Fact]
    public void The_same_seed_and_pool_give_the_same_draw_whatever_order_the_pool_comes_in()
    {
        var first = RandomDraw.Run(new DrawRequest("2026-12-01 公开摇号", Pool, 5, Roster, 2, []));
        var again = RandomDraw.Run(new DrawRequest("2026-12-01 公开摇号", Pool.AsEnumerable().Reverse().ToList(), 5, Roster.AsEnumerable().Reverse().ToList(), 2, []));
        Assert.Equal(first.Enterprises, again.Enterprises);
        Assert.Equal(first.Inspectors, again.Inspectors);
        Assert.Equal(first.PoolHash, again.PoolHash);
        Assert.Equal(5, first.Enterprises.Distinct().Count());
        Assert.Equal(2, first.Inspectors.Distinct().Count());
    }

    [Fact]
    public void The_published_algorithm_gives_the_result_an_independent_implementation_gives()
    {
        // Computed by a separate implementation of the documented draw/1 (SHA-256 counter numbers,
        // partial Fisher-Yates over the sorted pool, then the sorted roster): anyone can re-run it.
        var roster = new[] { "330005", "330003", "330001", "330004", "330002" }.Select(c => new Inspector(c, $"检查员{c}")).ToList();
        var result = RandomDraw.Run(new DrawRequest("2026-12-01 公开摇号", ["H", "G", "F", "E", "D", "C", "B", "A"], 3, roster, 2, []));
        Assert.Equal("draw/1", result.AlgorithmVersion);
        Assert.Equal(["B", "G", "H"], result.Enterprises);
        Assert.Equal(["330003", "330001"], result.Inspectors.Select(i => i.CertificateNo));
        Assert.Equal("0bc23efd83e671fd971ee870cdedf8fedfdfd068dc52748dbaae1999364af458", result.PoolHash);
    }

    [Fact]
    public void A_recused_inspector_is_never_drawn_for_that_enterprise()
    {
        for (var s = 0; s < 200; s++)
        {
            var recusals = Pool.Select(e => new Recusal(Roster[0].CertificateNo, e)).ToList();
            var result = RandomDraw.Run(new DrawRequest($"seed-{s}", Pool, 3, Roster, 3, recusals));
            Assert.DoesNotContain(result.Inspectors, i => i.CertificateNo == Roster[0].CertificateNo);
        }
    }

    [Fact]
    public void Every_enterprise_of_the_pool_can_be_drawn()
    {
        var seen = new HashSet<string>();
        for (var s = 0; s < 400; s++) seen.UnionWith(RandomDraw.Run(new DrawRequest($"s{s}", Pool, 3, Roster, 2, [])).Enterprises);
        Assert.Equal(Pool.Count, seen.Count);
    }
}
