using Planning.Contracts;
using System.Text.Json;
using Planning.Domain;
using Planning.Domain.Consolidation;
using ServiceDefaults;
using Xunit;

namespace Planning.Tests;

/// <summary>Properties of the consolidation on thousands of random instances of the first quarter
/// of 2026 (Spring Festival and its make-up Saturdays included).</summary>
public sealed class Consolidation_properties
{
    static readonly Period Q1 = Period.TryParse("2026-Q1", out var p) ? p : throw new InvalidOperationException();

    public static WorkingCalendar China2026() => Calendars.China2026;

    public static ConsolidationInput RandomInstance(int seed, ConsolidationLimits? limits = null, bool separateSoloAndJoint = false)
    {
        var random = new Random(seed);
        var agencies = Enumerable.Range(1, random.Next(1, 7)).Select(a => $"A{a:D2}").ToList();
        var matters = agencies.SelectMany(a => Enumerable.Range(1, random.Next(1, 5))
            .Select(m => (Agency: a, Code: $"{a}-M{m}", Mergeable: random.NextDouble() < 0.6))).ToList();
        var enterprises = Enumerable.Range(1, random.Next(1, 6)).Select(e => $"E{e:D3}").ToList();
        var quiet = enterprises.Where(_ => random.NextDouble() < 0.3).ToDictionary(e => e, e =>
        {
            var from = Q1.From.AddDays(random.Next(0, 80));
            return (IReadOnlyList<DateRange>)[new DateRange(from, from.AddDays(random.Next(0, 20)))];
        });
        var items = new List<DeclaredItem>();
        var declarations = random.Next(1, 25);
        for (var d = 0; d < declarations; d++)
        {
            var matter = matters[random.Next(matters.Count)];
            var from = Q1.From.AddDays(random.Next(0, 85));
            var to = from.AddDays(random.Next(0, 30));
            if (to > Q1.To) to = Q1.To;
            foreach (var enterprise in enterprises.Where(_ => random.NextDouble() < 0.5))
            {
                // Separate: an agency's matters are all mergeable or all not, so no item can ride.
                var mergeable = separateSoloAndJoint ? agencies.IndexOf(matter.Agency) % 2 == 0 : matter.Mergeable;
                items.Add(new DeclaredItem($"D{d:D3}", matter.Agency, matter.Code, enterprise, from, to, mergeable,
                    (MandateLevel)random.Next(4), (InspectionCategory)random.Next(5)));
            }
        }
        return new ConsolidationInput(Q1, items, quiet, Calendars.China2026, limits ?? new ConsolidationLimits(), matters.Count, matters.Count(m => m.Mergeable));
    }

    static void AssertEveryItemPlacedOnceInsideItsWindowOnAnAllowedDay(ConsolidationInput input, ConsolidationResult result)
    {
        var visits = result.Visits.ToDictionary(v => v.VisitId);
        Assert.Equal(visits.Count, result.Visits.Count);
        foreach (var declared in input.Items)
        {
            var decision = Assert.Single(result.Decisions, d => d.DeclarationId == declared.DeclarationId && d.CreditCode == declared.CreditCode && d.MatterCode == declared.MatterCode);
            if (decision.Outcome == DecisionOutcome.Unscheduled) continue;
            var visit = visits[decision.VisitId!];
            var carried = Assert.Single(visit.Items, i => i.MatterCode == declared.MatterCode && i.Declarations.Contains(declared.DeclarationId));
            Assert.InRange(visit.Day, declared.From, declared.To);
            Assert.InRange(visit.Day, carried.From, carried.To);
            Assert.True(input.Calendar.IsWorkingDay(visit.Day), $"{visit.Day} is not a working day");
            Assert.DoesNotContain(input.QuietPeriods.GetValueOrDefault(visit.CreditCode) ?? [], q => q.Contains(visit.Day));
        }
        foreach (var visit in result.Visits)
        {
            Assert.Equal(visit.Agencies.Count > 1 ? VisitKind.Joint : VisitKind.Solo, visit.Kind);
            Assert.Contains(visit.LeadAgency, visit.Agencies);
            // A non-mergeable matter is never checked together with another agency.
            if (visit.Items.Any(i => !i.Mergeable)) Assert.Single(visit.Agencies);
            // One inspection per enterprise per matter within a visit.
            Assert.Equal(visit.Items.Count, visit.Items.Select(i => (i.AgencyCode, i.MatterCode)).Distinct().Count());
        }
    }

    [Fact]
    public void Without_limits_every_item_is_placed_once_inside_its_window_and_the_count_never_beats_the_bound()
    {
        for (var seed = 0; seed < 3000; seed++)
        {
            var input = RandomInstance(seed);
            var result = Consolidator.Run(input);
            AssertEveryItemPlacedOnceInsideItsWindowOnAnAllowedDay(input, result);
            Assert.True(result.Figures.Visits >= result.Figures.LowerBound, $"seed {seed}: {result.Figures.Visits} visits below the bound {result.Figures.LowerBound}: the bound is wrong");
            Assert.Equal(result.Figures.Visits - result.Figures.LowerBound, result.Figures.Gap);
        }
    }

    [Fact]
    public void Without_limits_and_without_rides_the_greedy_meets_the_lower_bound_exactly()
    {
        for (var seed = 0; seed < 3000; seed++)
        {
            var input = RandomInstance(seed, separateSoloAndJoint: true);
            var result = Consolidator.Run(input);
            AssertEveryItemPlacedOnceInsideItsWindowOnAnAllowedDay(input, result);
            Assert.True(result.Figures.Gap == 0, $"seed {seed}: {result.Figures.Visits} visits, bound {result.Figures.LowerBound}");
        }
    }

    [Fact]
    public void The_agency_limit_per_joint_visit_is_never_exceeded()
    {
        for (var seed = 0; seed < 1500; seed++)
        {
            var k = 1 + seed % 3;
            var input = RandomInstance(seed, new ConsolidationLimits { MaxAgenciesPerJointVisit = k });
            var result = Consolidator.Run(input);
            AssertEveryItemPlacedOnceInsideItsWindowOnAnAllowedDay(input, result);
            Assert.All(result.Visits, v => Assert.True(v.Agencies.Count <= k, $"seed {seed}: {v.Agencies.Count} agencies > {k}"));
            Assert.True(result.Figures.Visits >= result.Figures.LowerBound);
        }
    }

    [Fact]
    public void Teams_per_day_and_yearly_caps_are_never_exceeded_and_what_does_not_fit_is_reported()
    {
        for (var seed = 0; seed < 1500; seed++)
        {
            var limits = new ConsolidationLimits
            {
                TeamsPerDay = Enumerable.Range(1, 6).ToDictionary(a => $"A{a:D2}", a => 1 + (seed + a) % 2),
                YearlyVisitCaps = Enumerable.Range(1, 6).Where(a => a % 2 == 0).ToDictionary(a => $"A{a:D2}", _ => 2),
                VisitsAlreadyThisYear = new Dictionary<(string, string), int> { [("A02", "E001")] = 1 },
            };
            var input = RandomInstance(seed, limits);
            var result = Consolidator.Run(input);
            AssertEveryItemPlacedOnceInsideItsWindowOnAnAllowedDay(input, result);
            foreach (var load in result.Visits.SelectMany(v => v.Agencies.Select(a => (a, v.Day))).GroupBy(x => x))
                Assert.True(load.Count() <= limits.TeamsPerDay[load.Key.a], $"seed {seed}: {load.Key} has {load.Count()} visits");
            foreach (var visits in result.Visits.SelectMany(v => v.Agencies.Select(a => (a, v.CreditCode))).GroupBy(x => x))
            {
                if (!limits.YearlyVisitCaps.TryGetValue(visits.Key.a, out var cap)) continue;
                Assert.True(visits.Count() + limits.VisitsAlreadyThisYear.GetValueOrDefault(visits.Key) <= cap, $"seed {seed}: cap of {visits.Key} exceeded");
            }
            Assert.Equal(result.Decisions.Count(d => d.Outcome == DecisionOutcome.Unscheduled), result.Figures.Unscheduled);
        }
    }

    [Fact]
    public void Pinned_visits_survive_a_new_consolidation_unchanged_and_the_bound_still_holds()
    {
        for (var seed = 0; seed < 800; seed++)
        {
            var input = RandomInstance(seed);
            var first = Consolidator.Run(input);
            var pinned = first.Visits.Where((_, i) => i % 3 == 0).ToList();
            // Late declarations arrive; the office keeps its pinned visits and consolidates again.
            var later = RandomInstance(seed + 100_000);
            var again = input with { Items = [.. input.Items, .. later.Items.Select(i => i with { DeclarationId = "L" + i.DeclarationId })] };
            var result = Consolidator.Run(again, pinned);

            Assert.All(pinned, p => Assert.Contains(p, result.Visits));
            AssertEveryItemPlacedOnceInsideItsWindowOnAnAllowedDay(again, result);
            Assert.True(result.Figures.Visits >= result.Figures.LowerBound, $"seed {seed}");
            Assert.Equal(result.Visits.Count, result.Figures.Visits);
        }
    }

    [Fact]
    public void The_same_declarations_in_any_order_give_the_same_plan_byte_for_byte()
    {
        for (var seed = 0; seed < 300; seed++)
        {
            var input = RandomInstance(seed, new ConsolidationLimits { MaxAgenciesPerJointVisit = 3, TeamsPerDay = new Dictionary<string, int> { ["A01"] = 1 } });
            var shuffled = input with { Items = input.Items.OrderBy(_ => Random.Shared.Next()).ToList() };
            Assert.Equal(JsonSerializer.Serialize(Consolidator.Run(input)), JsonSerializer.Serialize(Consolidator.Run(shuffled)));
        }
    }
}
