using Planning.Contracts;
using BenchmarkDotNet.Attributes;
using Planning.Domain;
using Planning.Domain.Consolidation;
using ServiceDefaults;

namespace Benchmarks;

/// <summary>The goal: 100,000 declared items over 5,000 enterprises consolidated in at most
/// one second, single-threaded; the visits beside the lower bound are printed once.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class ConsolidationBenchmark
{
    ConsolidationInput _input = null!;

    [Params(false, true)]
    public bool Limits { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _input = Instance(100_000, 5_000, Limits);
        var result = Consolidator.Run(_input);
        Console.WriteLine($"// limits={Limits}: {result.Figures.DeclaredItems} items, {result.Figures.DeclaredVisits} declared visits -> {result.Figures.Visits} visits " +
            $"(bound {result.Figures.LowerBound}, gap {result.Figures.Gap}, joint {result.Figures.JointVisits}, solo {result.Figures.SoloVisits}, unscheduled {result.Figures.Unscheduled}, reduction {result.Figures.ReductionRate:P1})");
    }

    [Benchmark]
    public ConsolidationResult Consolidate() => Consolidator.Run(_input);

    public static ConsolidationInput Instance(int items, int enterprises, bool limits)
    {
        Period.TryParse("2026", out var year);
        var random = new Random(42);
        var agencies = Enumerable.Range(1, 17).Select(a => $"A{a:D2}").ToArray();
        var matters = agencies.SelectMany(a => Enumerable.Range(1, 6).Select(m => (Agency: a, Code: $"{a}-{m}", Mergeable: random.NextDouble() < 0.315))).ToArray();
        var declared = new List<DeclaredItem>(items);
        for (var i = 0; i < items; i++)
        {
            var matter = matters[random.Next(matters.Length)];
            var from = year.From.AddDays(random.Next(0, 330));
            declared.Add(new DeclaredItem($"D{i / 10:D6}", matter.Agency, matter.Code, $"E{random.Next(enterprises):D5}", from, from.AddDays(random.Next(5, 35)),
                matter.Mergeable, (MandateLevel)random.Next(4), (InspectionCategory)random.Next(5)));
        }
        var quiet = Enumerable.Range(0, enterprises).Where(e => e % 7 == 0).ToDictionary(e => $"E{e:D5}", e =>
            (IReadOnlyList<DateRange>)[new DateRange(year.From.AddDays(e % 300), year.From.AddDays(e % 300 + 10))]);
        var consolidationLimits = limits
            ? new ConsolidationLimits { MaxAgenciesPerJointVisit = 4, TeamsPerDay = agencies.ToDictionary(a => a, _ => 30), YearlyVisitCaps = agencies.ToDictionary(a => a, _ => 12) }
            : new ConsolidationLimits();
        return new ConsolidationInput(year, declared, quiet, Planning.Tests.Consolidation_properties.China2026(), consolidationLimits, matters.Length, matters.Count(m => m.Mergeable));
    }
}
