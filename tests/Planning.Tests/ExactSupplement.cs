using Google.OrTools.Sat;
using Planning.Domain.Consolidation;

namespace Planning.Tests;

/// <summary>The supplement's model solved exactly with CP-SAT: each new item either rides in a
/// published visit it fits (a non-mergeable item in its agency's solo visit; a mergeable item in a
/// visit of its agency, or in a joint visit while at most K agencies take part), or goes in a new
/// visit slot as <see cref="ExactOptimum"/> builds them; fewest new slots used. Items are assumed
/// pairwise of different matters per enterprise and absent from the published visits, so nothing is absorbed.</summary>
public static class ExactSupplement
{
    public static (int NewVisits, bool Optimal) Solve(SupplementInput input, double seconds = 20)
    {
        var k = input.MaxAgenciesPerJointVisit;
        var model = new CpModel();
        var joins = new Dictionary<(string Visit, string Agency), BoolVar>();
        var slots = new List<(string CreditCode, DateOnly Day, string? Solo, BoolVar Used, Dictionary<string, BoolVar> Agencies)>();
        bool Allowed(string creditCode, DateOnly d) => input.Calendar.IsWorkingDay(d) && !(input.QuietPeriods.GetValueOrDefault(creditCode) ?? []).Any(q => q.Contains(d));

        foreach (var enterprise in input.Items.GroupBy(i => i.CreditCode))
        {
            var days = enterprise.Select(i => Range(i.From, i.To).LastOrDefault(d => Allowed(enterprise.Key, d))).Where(d => d != default).Distinct().Order().ToList();
            var agencies = enterprise.Select(i => i.AgencyCode).Distinct().Order(StringComparer.Ordinal).ToList();
            var jointPerDay = k == int.MaxValue ? 1 : (agencies.Count + k - 1) / k;
            foreach (var day in days)
                foreach (var solo in Enumerable.Repeat<string?>(null, jointPerDay).Concat(agencies))
                    slots.Add((enterprise.Key, day, solo, model.NewBoolVar(""), (solo is null ? agencies : [solo]).ToDictionary(a => a, _ => model.NewBoolVar(""))));
        }

        var placeable = 0;
        foreach (var item in input.Items)
        {
            var choices = new List<BoolVar>();
            foreach (var visit in input.Published.Where(v => v.CreditCode == item.CreditCode && item.From <= v.Day && v.Day <= item.To))
            {
                if (!item.Mergeable)
                {
                    if (visit.Kind == VisitKind.Solo && visit.LeadAgency == item.AgencyCode) choices.Add(model.NewBoolVar(""));
                }
                else if (visit.Agencies.Contains(item.AgencyCode))
                {
                    choices.Add(model.NewBoolVar(""));
                }
                else if (visit.Kind == VisitKind.Joint)
                {
                    if (!joins.TryGetValue((visit.VisitId, item.AgencyCode), out var join)) joins[(visit.VisitId, item.AgencyCode)] = join = model.NewBoolVar("");
                    var x = model.NewBoolVar("");
                    model.AddImplication(x, join);
                    choices.Add(x);
                }
            }
            foreach (var slot in slots)
            {
                if (slot.CreditCode != item.CreditCode || slot.Day < item.From || slot.Day > item.To) continue;
                if (slot.Solo is null ? !item.Mergeable : slot.Solo != item.AgencyCode) continue;
                var x = model.NewBoolVar("");
                model.AddImplication(x, slot.Agencies[item.AgencyCode]);
                choices.Add(x);
            }
            // An item with nowhere to go is left unscheduled by the supplement as by the solver.
            if (choices.Count == 0) continue;
            placeable++;
            model.AddExactlyOne(choices);
        }

        if (k != int.MaxValue)
            foreach (var visit in input.Published)
            {
                var joining = joins.Where(j => j.Key.Visit == visit.VisitId).Select(j => j.Value).ToList();
                if (joining.Count > 0) model.Add(LinearExpr.Sum(joining) <= Math.Max(0, k - visit.Agencies.Count));
            }
        foreach (var slot in slots)
        {
            foreach (var present in slot.Agencies.Values) model.AddImplication(present, slot.Used);
            if (slot.Solo is null && k != int.MaxValue) model.Add(LinearExpr.Sum(slot.Agencies.Values) <= k);
        }

        model.Minimize(LinearExpr.Sum(slots.Select(s => s.Used)));
        var solver = new CpSolver { StringParameters = $"max_time_in_seconds:{seconds},num_workers:2,random_seed:1" };
        var status = solver.Solve(model);
        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
            throw new InvalidOperationException($"CP-SAT found no supplement ({status}) for {placeable} placeable items");
        return ((int)Math.Round(solver.ObjectiveValue), status == CpSolverStatus.Optimal);
    }

    static IEnumerable<DateOnly> Range(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1)) yield return d;
    }
}
