using Tolerance.Contracts;
using System.Text.Json;
using Tolerance.Domain;
using Xunit;

namespace Tolerance.Tests;

/// <summary>The decision engine, condition by condition and at every boundary.</summary>
public sealed class Tolerance_decisions
{
    static readonly DateOnly Today = new(2026, 12, 9);

    static ToleranceItem Item(string code = "T01", ToleranceOutcome outcome = ToleranceOutcome.NoPenalty, ListSource source = ListSource.County,
        int? months = 12, int? severity = 2, RectificationRule rectification = RectificationRule.OnTheSpot, int? days = null, bool noHarm = true, string matter = "YJ-01") =>
        new(code, "危化品仓库安全周知卡缺失", matter, outcome, source, "《浙江省安全生产行政处罚裁量基准》", months, severity, rectification, days, noHarm, new DateOnly(2026, 1, 1), null);

    static FindingFacts Facts(int severity = 1, bool onTheSpot = true, DateOnly? deadline = null, bool harm = false) =>
        new("91330100716105852F", "YJ-01", "YJ", Today, severity, onTheSpot, deadline, harm);

    static EarlierFinding Earlier(DateOnly on, string agency = "SJ") => new("91330100716105852F", "YJ-01", agency, on, $"BA-{on:yyyyMMdd}");

    [Fact]
    public void A_minor_first_fault_corrected_on_the_spot_without_harm_gets_no_penalty_with_every_condition_explained()
    {
        var decision = DecisionEngine.Decide(Facts(), [Item()], 3, []);
        Assert.Equal(DecisionKind.Tolerated, decision.Kind);
        Assert.Equal(ToleranceOutcome.NoPenalty, decision.Outcome);
        Assert.Equal("T01", decision.ItemCode);
        Assert.Equal(3, decision.ListVersion);
        Assert.Equal(4, decision.Evaluations.Single().Conditions.Count);
        Assert.All(decision.Evaluations.Single().Conditions, c => Assert.True(c.Met));
        foreach (var principle in new[] { "综合裁量", "依法审慎", "程序合法", "比例适当" }) Assert.Contains(principle, decision.Reasoning);
    }

    [Theory]
    [InlineData(ToleranceOutcome.NoPenalty)]
    [InlineData(ToleranceOutcome.NoCompulsoryMeasure)]
    [InlineData(ToleranceOutcome.MitigatedPenalty)]
    [InlineData(ToleranceOutcome.LighterPenalty)]
    public void Every_outcome_kind_is_granted_as_the_item_says(ToleranceOutcome outcome) =>
        Assert.Equal(outcome, DecisionEngine.Decide(Facts(), [Item(outcome: outcome)], 1, []).Outcome);

    [Theory]
    [InlineData(0, true, "an earlier finding exactly 12 months before still counts")]
    [InlineData(1, false, "12 months and a day before no longer counts")]
    public void First_violation_within_twelve_months_at_the_boundary(int extraDays, bool repeat, string because)
    {
        var decision = DecisionEngine.Decide(Facts(), [Item()], 1, [Earlier(Today.AddMonths(-12).AddDays(-extraDays))]);
        Assert.True(decision.Kind == (repeat ? DecisionKind.NotTolerated : DecisionKind.Tolerated), because);
    }

    [Fact]
    public void A_violation_found_earlier_by_another_agency_removes_first_violation_eligibility()
    {
        var decision = DecisionEngine.Decide(Facts(), [Item()], 1, [Earlier(Today.AddMonths(-3), agency: "SJ")]);
        Assert.Equal(DecisionKind.NotTolerated, decision.Kind);
        Assert.Contains("SJ", decision.Evaluations.Single().Conditions.Single(c => !c.Met).Fact);
        Assert.Contains("未满足", decision.Reasoning);
    }

    [Theory]
    [InlineData(2, DecisionKind.Tolerated)]
    [InlineData(3, DecisionKind.NotTolerated)]
    public void Severity_at_most_the_item_s_limit(int severity, DecisionKind kind) =>
        Assert.Equal(kind, DecisionEngine.Decide(Facts(severity: severity), [Item()], 1, []).Kind);

    [Fact]
    public void Not_corrected_on_the_spot_or_harm_caused_is_not_tolerated()
    {
        Assert.Equal(DecisionKind.NotTolerated, DecisionEngine.Decide(Facts(onTheSpot: false, deadline: Today.AddDays(3)), [Item()], 1, []).Kind);
        Assert.Equal(DecisionKind.NotTolerated, DecisionEngine.Decide(Facts(harm: true), [Item()], 1, []).Kind);
    }

    [Theory]
    [InlineData(7, DecisionKind.ConditionallyTolerated)]
    [InlineData(8, DecisionKind.NotTolerated)]
    public void Correction_within_seven_days_is_a_conditional_decision_with_its_deadline(int days, DecisionKind kind)
    {
        var item = Item(outcome: ToleranceOutcome.LighterPenalty, rectification: RectificationRule.WithinDays, days: 7);
        var decision = DecisionEngine.Decide(Facts(onTheSpot: false, deadline: Today.AddDays(days)), [item], 1, []);
        Assert.Equal(kind, decision.Kind);
        if (kind == DecisionKind.ConditionallyTolerated)
        {
            Assert.Equal(Today.AddDays(7), decision.ConditionDeadline);
            Assert.Contains("撤销", decision.Reasoning);
        }
    }

    [Fact]
    public void Where_several_items_apply_the_most_favourable_outcome_then_the_higher_list_wins()
    {
        var items = new[]
        {
            Item("C-LIGHT", ToleranceOutcome.LighterPenalty, ListSource.Provincial),
            Item("C-NONE", ToleranceOutcome.NoPenalty, ListSource.County),
            Item("P-NONE", ToleranceOutcome.NoPenalty, ListSource.Provincial),
        };
        Assert.Equal("P-NONE", DecisionEngine.Decide(Facts(), items, 1, []).ItemCode);
        Assert.Equal(3, DecisionEngine.Decide(Facts(), items, 1, []).Evaluations.Count);
    }

    [Fact]
    public void Items_of_other_matters_or_not_in_effect_are_not_considered()
    {
        var lapsed = Item() with { EffectiveTo = Today.AddDays(-1) };
        var decision = DecisionEngine.Decide(Facts(), [lapsed, Item(matter: "XF-01")], 1, []);
        Assert.Equal(DecisionKind.NotTolerated, decision.Kind);
        Assert.Empty(decision.Evaluations);
        Assert.Contains("不在现行容错清单范围内", decision.Reasoning);
    }

    [Fact]
    public void The_decision_does_not_depend_on_the_order_of_earlier_findings()
    {
        var random = new Random(7);
        for (var n = 0; n < 300; n++)
        {
            var history = Enumerable.Range(0, random.Next(0, 8))
                .Select(_ => Earlier(Today.AddDays(-random.Next(1, 800)), agency: random.Next(2) == 0 ? "SJ" : "XF")).ToList();
            var items = new[] { Item(), Item("T02", ToleranceOutcome.LighterPenalty, months: 24), Item("T03", ToleranceOutcome.MitigatedPenalty, months: 6) };
            var expected = JsonSerializer.Serialize(DecisionEngine.Decide(Facts(), items, 1, history));
            for (var shuffle = 0; shuffle < 5; shuffle++)
                Assert.Equal(expected, JsonSerializer.Serialize(DecisionEngine.Decide(Facts(), items, 1, history.OrderBy(_ => random.Next()).ToList())));
        }
    }
}
