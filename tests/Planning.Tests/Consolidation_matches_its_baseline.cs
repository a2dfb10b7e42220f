using System.Text.Json;
using Planning.Contracts;
using Planning.Domain.Consolidation;
using ServiceDefaults;
using Xunit;

namespace Planning.Tests;

/// <summary>The consolidation rewritten for province scale plans exactly what it planned before:
/// the same visits, lower bound and merge log, byte for byte, on the property tests' instances and on
/// denser park-like ones (many agencies, repeated declarations, cancelled items, limits, pinned
/// visits); and its parallel run over enterprises is the single-threaded one, byte for byte.</summary>
public sealed class Consolidation_matches_its_baseline
{
    static string Json(ConsolidationResult result) => JsonSerializer.Serialize(result);

    static IEnumerable<ConsolidationLimits> Limits(int seed)
    {
        yield return new ConsolidationLimits();
        yield return new ConsolidationLimits { MaxAgenciesPerJointVisit = 1 + seed % 3 };
        yield return new ConsolidationLimits
        {
            MaxAgenciesPerJointVisit = 2 + seed % 3,
            TeamsPerDay = Enumerable.Range(1, 6).ToDictionary(a => $"A{a:D2}", a => 1 + (seed + a) % 2),
            YearlyVisitCaps = Enumerable.Range(1, 6).Where(a => a % 2 == 0).ToDictionary(a => $"A{a:D2}", _ => 2),
            VisitsAlreadyThisYear = new Dictionary<(string, string), int> { [("A02", "E001")] = 1 },
        };
    }

    /// <summary>A small park like the benchmark's: 17 agencies of 6 matters, a year of windows,
    /// quiet periods, some rows declared twice by one declaration, some items cancelled.</summary>
    public static ConsolidationInput Park(int seed, int items, int enterprises, ConsolidationLimits limits)
    {
        Period.TryParse("2026", out var year);
        var random = new Random(seed);
        var agencies = Enumerable.Range(1, 17).Select(a => $"A{a:D2}").ToArray();
        var matters = agencies.SelectMany(a => Enumerable.Range(1, 6).Select(m => (Agency: a, Code: $"{a}-{m}", Mergeable: random.NextDouble() < 0.4))).ToArray();
        var declared = new List<DeclaredItem>(items);
        for (var i = 0; i < items; i++)
        {
            var matter = matters[random.Next(matters.Length)];
            var from = year.From.AddDays(random.Next(0, 360));
            var item = new DeclaredItem($"D{i / 10:D5}", matter.Agency, matter.Code, $"E{random.Next(enterprises):D4}", from, from.AddDays(random.Next(0, 35)),
                matter.Mergeable, (MandateLevel)random.Next(4), (InspectionCategory)random.Next(5));
            declared.Add(item);
            if (random.NextDouble() < 0.05)
                declared.Add(item with { From = item.From.AddDays(random.Next(-10, 40)), To = item.To.AddDays(random.Next(-10, 40)), MandateLevel = (MandateLevel)random.Next(4) });
        }
        var quiet = Enumerable.Range(0, enterprises).Where(e => e % 5 == 0).ToDictionary(e => $"E{e:D4}", e =>
            (IReadOnlyList<DateRange>)[new DateRange(year.From.AddDays(e * 7 % 300), year.From.AddDays(e * 7 % 300 + random.Next(0, 40)))]);
        var cancelled = declared.Where(_ => random.NextDouble() < 0.03).Select(d => new CancelledItem(d.DeclarationId, d.MatterCode, d.CreditCode, $"重复 {random.Next(3)}")).ToList();
        return new ConsolidationInput(year, declared, quiet, Calendars.China2026, limits, matters.Length, matters.Count(m => m.Mergeable)) { Cancelled = cancelled };
    }

    static ConsolidationLimits ParkLimits(int seed) => new()
    {
        MaxAgenciesPerJointVisit = 2 + seed % 4,
        TeamsPerDay = Enumerable.Range(1, 17).ToDictionary(a => $"A{a:D2}", a => 1 + (seed + a) % 3),
        YearlyVisitCaps = Enumerable.Range(1, 17).Where(a => a % 3 != 0).ToDictionary(a => $"A{a:D2}", a => 1 + a % 4),
        VisitsAlreadyThisYear = new Dictionary<(string, string), int> { [("A01", "E0001")] = 1, [("A02", "E0002")] = 3 },
    };

    [Fact]
    public void On_the_property_tests_instances_the_plan_is_the_baselines_byte_for_byte()
    {
        for (var seed = 0; seed < 1500; seed++)
        {
            foreach (var limits in Limits(seed))
            {
                var input = Consolidation_properties.RandomInstance(seed, limits, separateSoloAndJoint: seed % 4 == 0);
                Assert.True(Json(BaselineConsolidator.Run(input)) == Json(Consolidator.Run(input)), $"seed {seed}, limits {limits.MaxAgenciesPerJointVisit}/{limits.TeamsPerDay.Count}");
            }
        }
    }

    [Fact]
    public void On_park_like_instances_with_repeats_cancellations_and_limits_the_plan_is_the_baselines_byte_for_byte()
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var input = Park(seed, 2_000 + seed * 50, 40 + seed, seed % 2 == 0 ? new ConsolidationLimits() : ParkLimits(seed));
            Assert.True(Json(BaselineConsolidator.Run(input)) == Json(Consolidator.Run(input)), $"seed {seed}");
        }
    }

    [Fact]
    public void With_pinned_visits_the_plan_is_the_baselines_byte_for_byte()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var input = Park(seed, 1_500, 30, seed % 2 == 0 ? new ConsolidationLimits() : ParkLimits(seed));
            var pinned = BaselineConsolidator.Run(input).Visits.Where((_, i) => i % 4 == 0).ToList();
            var again = input with { Items = [.. input.Items, .. Park(seed + 1000, 300, 30, input.Limits).Items.Select(i => i with { DeclarationId = "L" + i.DeclarationId })] };
            Assert.True(Json(BaselineConsolidator.Run(again, pinned)) == Json(Consolidator.Run(again, pinned)), $"seed {seed}");
        }
    }

    [Fact]
    public void The_parallel_run_over_enterprises_is_the_single_threaded_one_byte_for_byte()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var input = Park(seed, 3_000, 60 + seed * 5, seed % 2 == 0 ? new ConsolidationLimits() : ParkLimits(seed));
            Assert.True(Json(Consolidator.Run(input)) == Json(Consolidator.Run(input, parallel: true)), $"seed {seed}");
        }
        for (var seed = 0; seed < 500; seed++)
        {
            var input = Consolidation_properties.RandomInstance(seed, Limits(seed).ElementAt(seed % 3));
            Assert.True(Json(Consolidator.Run(input)) == Json(Consolidator.Run(input, parallel: true)), $"random seed {seed}");
        }
    }
}
