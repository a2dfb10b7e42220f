using Planning.Domain.Consolidation;
using Xunit;
using Xunit.Abstractions;

namespace Planning.Tests;

/// <summary>The consolidation beside CP-SAT's exact optimum of the same model, on instances small
/// enough to solve exactly.</summary>
public sealed class Consolidation_against_CP_SAT(ITestOutputHelper output)
{
    [Fact]
    public void Without_limits_the_consolidation_finds_the_optimum()
    {
        for (var seed = 0; seed < 60; seed++)
        {
            var input = Consolidation_properties.RandomInstance(seed * 7 + 1);
            var result = Consolidator.Run(input);
            var (optimum, proven) = ExactOptimum.Solve(input, result);
            output.WriteLine($"seed {seed * 7 + 1}: ours {result.Figures.Visits}, CP-SAT {optimum} ({(proven ? "optimal" : "best found")}), bound {result.Figures.LowerBound}");
            Assert.Equal(optimum, result.Figures.Visits);
            // Proven by the solver, or by our own bound meeting the count.
            Assert.True(proven || result.Figures.LowerBound == result.Figures.Visits, $"seed {seed * 7 + 1}: optimality not proven");
            Assert.InRange(result.Figures.LowerBound, 0, optimum);
        }
    }

    [Fact]
    public void With_limits_the_bound_holds_and_the_gap_to_the_optimum_is_measured()
    {
        var ours = 0;
        var best = 0;
        for (var seed = 0; seed < 12; seed++)
        {
            var limits = new ConsolidationLimits
            {
                MaxAgenciesPerJointVisit = 2,
                TeamsPerDay = new Dictionary<string, int> { ["A01"] = 1, ["A02"] = 1, ["A03"] = 2 },
            };
            var input = Consolidation_properties.RandomInstance(seed * 11 + 3, limits);
            var result = Consolidator.Run(input);
            var (optimum, proven) = ExactOptimum.Solve(input, result, seconds: 5);
            output.WriteLine($"seed {seed * 11 + 3}: ours {result.Figures.Visits}, CP-SAT {optimum} ({(proven ? "optimal" : "best found")}), bound {result.Figures.LowerBound}");
            // Ours is a feasible plan of the same model, so the solver can only match or beat it;
            // the bound must never exceed a proven optimum.
            Assert.True(optimum <= result.Figures.Visits);
            if (proven) Assert.True(result.Figures.LowerBound <= optimum, $"seed {seed * 11 + 3}: bound {result.Figures.LowerBound} above the optimum {optimum}");
            ours += result.Figures.Visits;
            best += optimum;
        }
        output.WriteLine($"total: ours {ours}, CP-SAT {best}");
    }
}
