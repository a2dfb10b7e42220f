using Google.OrTools.Sat;
using Planning.Domain.Consolidation;

namespace Planning.Tests;

/// <summary>The same consolidation model solved exactly with CP-SAT, over the items the
/// consolidation scheduled: a visit slot per enterprise, allowed day and kind (joint, or solo of one
/// agency); every item in exactly one compatible slot inside its window; at most K agencies per
/// joint slot; at most the agency's teams per day; fewest slots used.</summary>
public static class ExactOptimum
{
    public static (int Visits, bool Optimal) Solve(ConsolidationInput input, ConsolidationResult result, double seconds = 20)
    {
        var limits = input.Limits;
        var model = new CpModel();
        var slots = new List<(string CreditCode, DateOnly Day, string? Solo, BoolVar Used, Dictionary<string, BoolVar> Agencies)>();
        var participation = new Dictionary<(string Agency, DateOnly Day), List<BoolVar>>();
        var items = result.Visits.SelectMany(v => v.Items.Select(i => (v.CreditCode, Item: i))).ToList();

        foreach (var enterprise in items.GroupBy(i => i.CreditCode))
        {
            var quiet = input.QuietPeriods.GetValueOrDefault(enterprise.Key) ?? [];
            bool Allowed(DateOnly d) => input.Calendar.IsWorkingDay(d) && !quiet.Any(q => q.Contains(d));
            // Without teams per day, any visit can move to the last allowed day of one of its items
            // without losing any: those days suffice, and the model stays small.
            var days = (limits.TeamsPerDay.Count == 0
                    ? enterprise.Select(i => Range(i.Item.From, i.Item.To).LastOrDefault(Allowed)).Where(d => d != default)
                    : enterprise.SelectMany(i => Range(i.Item.From, i.Item.To)).Where(Allowed))
                .Distinct().Order().ToList();
            var agencies = enterprise.Select(i => i.Item.AgencyCode).Distinct().Order(StringComparer.Ordinal).ToList();
            var jointPerDay = limits.MaxAgenciesPerJointVisit == int.MaxValue ? 1 : (agencies.Count + limits.MaxAgenciesPerJointVisit - 1) / limits.MaxAgenciesPerJointVisit;
            foreach (var day in days)
            {
                var kinds = Enumerable.Repeat<string?>(null, jointPerDay).Concat(agencies);
                foreach (var solo in kinds)
                {
                    var used = model.NewBoolVar("");
                    slots.Add((enterprise.Key, day, solo, used, (solo is null ? agencies : [solo]).ToDictionary(a => a, _ => model.NewBoolVar(""))));
                }
            }
        }

        var assignment = new List<(int Item, int Slot, BoolVar Var)>();
        for (var i = 0; i < items.Count; i++)
        {
            var (creditCode, item) = items[i];
            var choices = new List<BoolVar>();
            for (var s = 0; s < slots.Count; s++)
            {
                var slot = slots[s];
                if (slot.CreditCode != creditCode || slot.Day < item.From || slot.Day > item.To) continue;
                if (slot.Solo is null ? !item.Mergeable : slot.Solo != item.AgencyCode) continue;
                var x = model.NewBoolVar("");
                model.AddImplication(x, slot.Agencies[item.AgencyCode]);
                choices.Add(x);
                assignment.Add((i, s, x));
            }
            model.AddExactlyOne(choices);
        }

        foreach (var slot in slots)
        {
            foreach (var (agency, present) in slot.Agencies)
            {
                model.AddImplication(present, slot.Used);
                if (!participation.TryGetValue((agency, slot.Day), out var list)) participation[(agency, slot.Day)] = list = [];
                list.Add(present);
            }
            if (slot.Solo is null && limits.MaxAgenciesPerJointVisit != int.MaxValue)
                model.Add(LinearExpr.Sum(slot.Agencies.Values) <= limits.MaxAgenciesPerJointVisit);
        }
        foreach (var ((agency, _), present) in participation)
            if (limits.TeamsPerDay.TryGetValue(agency, out var teams))
                model.Add(LinearExpr.Sum(present) <= teams);

        model.Minimize(LinearExpr.Sum(slots.Select(s => s.Used)));
        var solver = new CpSolver { StringParameters = $"max_time_in_seconds:{seconds},num_workers:2,random_seed:1" };
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            throw new InvalidOperationException($"CP-SAT found no plan ({status}) although the consolidation did");
        return ((int)Math.Round(solver.ObjectiveValue), status == CpSolverStatus.Optimal);
    }

    static IEnumerable<DateOnly> Range(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }
}
