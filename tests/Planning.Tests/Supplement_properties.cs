using Planning.Domain.Consolidation;
using Xunit;
using Xunit.Abstractions;

namespace Planning.Tests;

/// <summary>Supplements on random instances of the first quarter of 2026: a published plan from one
/// random declaration set, then late items from another.</summary>
public sealed class Supplement_properties(ITestOutputHelper output)
{
    /// <summary>The published visits of one instance and the late items of another, renamed so their
    /// declarations are new. <paramref name="distinct"/>: at most one late item per matter and
    /// enterprise, none of a matter a published visit there already checks.</summary>
    static SupplementInput Instance(int seed, int maxAgencies, bool distinct)
    {
        var published = Consolidation_properties.RandomInstance(seed);
        var plan = Consolidator.Run(published);
        var late = Consolidation_properties.RandomInstance(seed + 100_000).Items.Select(i => i with { DeclarationId = "L" + i.DeclarationId }).ToList();
        if (distinct)
        {
            var checkedThere = plan.Visits.SelectMany(v => v.Items.Select(i => (i.MatterCode, v.CreditCode))).ToHashSet();
            late = late.Where(i => !checkedThere.Contains((i.MatterCode, i.CreditCode))).DistinctBy(i => (i.MatterCode, i.CreditCode)).ToList();
        }
        return new SupplementInput(published.Period, plan.Visits, late, published.QuietPeriods, published.Calendar, maxAgencies);
    }

    [Fact]
    public void A_supplement_never_moves_or_rewrites_a_published_visit_and_places_every_late_item_once()
    {
        for (var seed = 0; seed < 1500; seed++)
        {
            var k = seed % 3 == 0 ? int.MaxValue : 1 + seed % 3;
            var input = Instance(seed, k, distinct: false);
            var result = SupplementaryPlan.Run(input);
            var published = input.Published.ToDictionary(v => v.VisitId);

            foreach (var visit in result.ChangedVisits)
            {
                var before = published[visit.VisitId];
                Assert.Equal((before.CreditCode, before.Day, before.LeadAgency, before.Kind), (visit.CreditCode, visit.Day, visit.LeadAgency, visit.Kind));
                Assert.Subset(visit.Agencies.ToHashSet(), before.Agencies.ToHashSet());
                foreach (var item in before.Items)
                {
                    var kept = Assert.Single(visit.Items, i => i.MatterCode == item.MatterCode && i.AgencyCode == item.AgencyCode);
                    Assert.Subset(kept.Declarations.ToHashSet(), item.Declarations.ToHashSet());
                    Assert.InRange(visit.Day, kept.From, kept.To);
                }
                if (visit.Agencies.Count > before.Agencies.Count) Assert.True(visit.Agencies.Count <= k, $"seed {seed}: {visit.VisitId} has {visit.Agencies.Count} agencies > {k}");
                if (visit.Items.Any(i => !i.Mergeable)) Assert.Single(visit.Agencies);
            }
            Assert.Empty(result.NewVisits.Select(v => v.VisitId).Intersect(published.Keys));

            var all = input.Published.Where(v => !result.ChangedVisits.Any(c => c.VisitId == v.VisitId)).Concat(result.ChangedVisits).Concat(result.NewVisits).ToDictionary(v => v.VisitId);
            foreach (var late in input.Items)
            {
                var decision = Assert.Single(result.Decisions, d => d.DeclarationId == late.DeclarationId && d.CreditCode == late.CreditCode && d.MatterCode == late.MatterCode);
                if (decision.Outcome == DecisionOutcome.Unscheduled) continue;
                var visit = all[decision.VisitId!];
                Assert.InRange(visit.Day, late.From, late.To);
                Assert.Single(visit.Items, i => i.MatterCode == late.MatterCode && i.Declarations.Contains(late.DeclarationId));
            }
            Assert.True(result.Figures.NewVisits >= result.Figures.LowerBound, $"seed {seed}: {result.Figures.NewVisits} new visits below the bound {result.Figures.LowerBound}");
        }
    }

    [Fact]
    public void Without_a_room_limit_the_new_visits_are_as_few_as_CP_SAT_finds_given_the_published_ones()
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var input = Instance(seed * 5 + 2, int.MaxValue, distinct: true);
            var result = SupplementaryPlan.Run(input);
            var (optimum, proven) = ExactSupplement.Solve(input);
            output.WriteLine($"seed {seed * 5 + 2}: {input.Items.Count} late items, {result.Figures.RodeInPublishedVisits} rode, ours {result.Figures.NewVisits} new, CP-SAT {optimum} ({(proven ? "optimal" : "best found")})");
            Assert.True(proven || result.Figures.LowerBound == result.Figures.NewVisits, $"seed {seed * 5 + 2}: optimality not proven");
            Assert.Equal(optimum, result.Figures.NewVisits);
        }
    }

    [Fact]
    public void With_a_room_limit_CP_SAT_never_needs_more_new_visits_and_the_gap_is_measured()
    {
        var (ours, best) = (0, 0);
        for (var seed = 0; seed < 30; seed++)
        {
            var input = Instance(seed * 13 + 1, 2, distinct: true);
            var result = SupplementaryPlan.Run(input);
            var (optimum, _) = ExactSupplement.Solve(input, seconds: 5);
            Assert.True(optimum <= result.Figures.NewVisits, $"seed {seed * 13 + 1}: the solver needs {optimum} > ours {result.Figures.NewVisits}: the models differ");
            (ours, best) = (ours + result.Figures.NewVisits, best + optimum);
        }
        output.WriteLine($"total: ours {ours}, CP-SAT {best}");
    }
}
