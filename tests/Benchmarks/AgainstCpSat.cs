using System.Diagnostics;
using Planning.Domain.Consolidation;
using Planning.Tests;

namespace Benchmarks;

/// <summary>Ours and CP-SAT on the same small instances, side by side in one run: both counts,
/// both times.</summary>
static class AgainstCpSat
{
    public static void Run(int instances)
    {
        foreach (var (name, limits) in new[]
        {
            ("no limits", new ConsolidationLimits()),
            ("K=2, teams/day", new ConsolidationLimits { MaxAgenciesPerJointVisit = 2, TeamsPerDay = new Dictionary<string, int> { ["A01"] = 1, ["A02"] = 1, ["A03"] = 2 } }),
        })
        {
            long ours = 0, optimum = 0, bound = 0, proven = 0;
            var oursTime = TimeSpan.Zero;
            var solverTime = TimeSpan.Zero;
            for (var seed = 0; seed < instances; seed++)
            {
                var input = Consolidation_properties.RandomInstance(1000 + seed, limits);
                var clock = Stopwatch.StartNew();
                var result = Consolidator.Run(input);
                oursTime += clock.Elapsed;
                clock.Restart();
                var (best, optimal) = ExactOptimum.Solve(input, result, seconds: 10);
                solverTime += clock.Elapsed;
                ours += result.Figures.Visits;
                optimum += best;
                bound += result.Figures.LowerBound;
                proven += optimal ? 1 : 0;
            }
            Console.WriteLine($"{name,-16} {instances} instances | visits: ours {ours}, CP-SAT {optimum} ({proven} proven optimal), bound {bound} | time: ours {oursTime.TotalMilliseconds:F1} ms, CP-SAT {solverTime.TotalMilliseconds:F0} ms");
        }
    }
}
