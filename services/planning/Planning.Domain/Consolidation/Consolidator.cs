using ServiceDefaults;

namespace Planning.Domain.Consolidation;

/// <summary>
/// Turns a period's declared inspections into the fewest visits (能简则简、应合尽合):
/// <list type="number">
/// <item>Dedupe: the same matter at the same enterprise with overlapping windows is one item
/// (同一企业同一事项一次检查), whoever declared it; its window is the overlap.</item>
/// <item>Per enterprise, interval stabbing over its allowed days (working days outside its quiet
/// periods) by the greedy on earliest window end: non-mergeable items in solo visits of their own
/// agency, mergeable items in joint visits of at most K agencies, or riding in their own agency's
/// solo visit where that saves a visit (decided by rolling out both choices).</item>
/// <item>Teams per day and yearly caps couple enterprises; visits are moved inside their windows
/// to respect them, and what cannot be placed is reported, never silently dropped.</item>
/// </list>
/// The lower bound reported beside the result is valid for this whole model, so
/// <c>Visits == LowerBound</c> proves the plan minimal; otherwise the gap is reported.
/// Everything is ordered by ordinal keys: the same input gives the same plan, byte for byte.
/// </summary>
public static partial class Consolidator
{
    public const string AlgorithmVersion = "consolidation/1";
    static readonly StringComparer Ordinal = StringComparer.Ordinal;

    /// <summary>Consolidates again while keeping the office's pinned visits as they are: the items
    /// they carry are taken out of the input, the rest is consolidated, and the pinned visits are
    /// added back. The bound is the rest's bound plus the pinned visits: valid for every plan that
    /// keeps them.</summary>
    public static ConsolidationResult Run(ConsolidationInput input, IReadOnlyList<PlannedVisit> pinned)
    {
        if (pinned.Count == 0) return Run(input);
        var covered = pinned.SelectMany(v => v.Items.SelectMany(i => i.Declarations.Select(d => (d, i.MatterCode, v.CreditCode)))).ToHashSet();
        var rest = Run(input with { Items = input.Items.Where(i => !covered.Contains((i.DeclarationId, i.MatterCode, i.CreditCode))).ToList() },
            pinned.Select(v => v.VisitId).ToHashSet(Ordinal));
        var visits = rest.Visits.Concat(pinned).OrderBy(v => v.CreditCode, Ordinal).ThenBy(v => v.Day).ThenBy(v => v.VisitId, Ordinal).ToList();
        var pinnedDecisions = input.Items.Where(i => covered.Contains((i.DeclarationId, i.MatterCode, i.CreditCode)))
            .Select(i => new MergeDecision(i.DeclarationId, i.AgencyCode, i.MatterCode, i.CreditCode, DecisionOutcome.Pinned, DecisionReason.PinnedByOffice,
                pinned.First(v => v.CreditCode == i.CreditCode && v.Items.Any(p => p.MatterCode == i.MatterCode && p.Declarations.Contains(i.DeclarationId))).VisitId,
                "营商办已锁定该次检查,重新合并时保持不变"));
        var decisions = rest.Decisions.Concat(pinnedDecisions)
            .OrderBy(d => d.CreditCode, Ordinal).ThenBy(d => d.AgencyCode, Ordinal).ThenBy(d => d.MatterCode, Ordinal).ThenBy(d => d.DeclarationId, Ordinal).ToList();
        var (declaredVisits, reductionRate, byCancelling) = Reductions(input, visits.Count);
        var joint = visits.Count(v => v.Kind == VisitKind.Joint);
        var bound = rest.Figures.LowerBound + pinned.Count;
        var figures = rest.Figures with
        {
            DeclaredVisits = declaredVisits,
            DeclaredItems = input.Items.Count,
            ItemsAfterDedupe = rest.Figures.ItemsAfterDedupe + pinned.Sum(v => v.Items.Count),
            Visits = visits.Count,
            JointVisits = joint,
            SoloVisits = visits.Count - joint,
            ReductionRate = reductionRate,
            ReductionByCancelling = byCancelling,
            LowerBound = bound,
            Gap = visits.Count - bound,
        };
        return rest with { Visits = visits, Decisions = decisions, Figures = figures };
    }

    public static ConsolidationResult Run(ConsolidationInput input) => Run(input, new HashSet<string>(Ordinal));

    /// <summary><paramref name="parallel"/>: the enterprises' own steps (dedupe, stabbing, ids, bound,
    /// merge log) run on all cores; the coupling limits stay one sequential pass. The result is the
    /// single-threaded one, byte for byte: each enterprise's work depends on that enterprise alone.</summary>
    public static ConsolidationResult Run(ConsolidationInput input, bool parallel) => Run(input, new HashSet<string>(Ordinal), parallel);

    /// <summary><paramref name="takenIds"/>: visit ids already in use (pinned or published visits), never reissued.</summary>
    public static ConsolidationResult Run(ConsolidationInput input, IReadOnlySet<string> takenIds, bool parallel = false)
    {
        var workingDays = input.Calendar.WorkingDays(input.Period.From, input.Period.To);
        var cancelled = Cancelled(input);
        var enterprises = Enterprises(input, cancelled);
        var maxAgencies = input.Limits.MaxAgenciesPerJointVisit;

        ForEach(enterprises, parallel, () => new Scratch(), (enterprise, scratch) =>
        {
            enterprise.Days = AllowedDays(workingDays, input.QuietPeriods.GetValueOrDefault(enterprise.CreditCode));
            Dedupe(enterprise);
            PlanEnterprise(enterprise, maxAgencies, scratch);
        });

        EnforceTeamsPerDay(input.Period, enterprises, input.Limits);
        EnforceYearlyCaps(enterprises, input.Limits);

        ForEach(enterprises, parallel, () => 0, (enterprise, _) =>
        {
            enterprise.Visits.RemoveAll(v => v.Items.Count == 0);
            enterprise.Planned = Finish(input.Period, enterprise, takenIds);
            enterprise.LowerBound = LowerBound(enterprise.Items);
            enterprise.Decisions = Decisions(enterprise, maxAgencies, cancelled);
        });

        var planned = new List<PlannedVisit>(enterprises.Sum(e => e.Planned.Count));
        var decisions = new List<MergeDecision>(input.Items.Count);
        foreach (var enterprise in enterprises)
        {
            planned.AddRange(enterprise.Planned);
            decisions.AddRange(enterprise.Decisions);
        }
        var lowerBound = enterprises.Sum(e => e.LowerBound);
        var (declaredVisits, reductionRate, byCancelling) = Reductions(input, planned.Count);
        var joint = planned.Count(v => v.Kind == VisitKind.Joint);
        var figures = new ConsolidationFigures(
            DeclaredVisits: declaredVisits,
            DeclaredItems: input.Items.Count,
            ItemsAfterDedupe: enterprises.Sum(e => e.Items.Count),
            Visits: planned.Count,
            JointVisits: joint,
            SoloVisits: planned.Count - joint,
            ReductionRate: reductionRate,
            MergeableShareOfMatters: input.MatterCount == 0 ? 0 : Math.Round((double)input.MergeableMatterCount / input.MatterCount, 4),
            LowerBound: lowerBound,
            Gap: planned.Count - lowerBound,
            Unscheduled: enterprises.Sum(e => e.Unscheduled.Sum(i => i.Declared.Count)),
            CancelledItems: enterprises.Sum(e => e.Cancelled.Count),
            ReductionByCancelling: byCancelling);
        return new ConsolidationResult(input.Period.Code, AlgorithmVersion, planned, decisions, figures);
    }

    /// <summary>Every enterprise named by a declared item, in ordinal order of credit code (the
    /// order of the plan and the merge log), with its items in input order.</summary>
    static Enterprise[] Enterprises(ConsolidationInput input, Dictionary<(string, string, string), string> cancelled)
    {
        var byCode = new Dictionary<string, Enterprise>(Ordinal);
        foreach (var item in input.Items)
        {
            if (!byCode.TryGetValue(item.CreditCode, out var enterprise))
                byCode.Add(item.CreditCode, enterprise = new Enterprise(item.CreditCode));
            if (cancelled.Count > 0 && cancelled.TryGetValue(Key(item), out var reason)) enterprise.Cancelled.Add((item, reason));
            else enterprise.Declared.Add(item);
        }
        var enterprises = byCode.Values.ToArray();
        Array.Sort(enterprises, (a, b) => Ordinal.Compare(a.CreditCode, b.CreditCode));
        for (var i = 0; i < enterprises.Length; i++) enterprises[i].Index = i;
        return enterprises;
    }

    static void ForEach<TScratch>(Enterprise[] enterprises, bool parallel, Func<TScratch> scratch, Action<Enterprise, TScratch> step)
    {
        if (!parallel)
        {
            var mine = scratch();
            foreach (var enterprise in enterprises) step(enterprise, mine);
            return;
        }
        Parallel.For(0, enterprises.Length, scratch, (i, _, mine) => { step(enterprises[i], mine); return mine; }, _ => { });
    }

    static (string, string, string) Key(DeclaredItem i) => (i.DeclarationId, i.MatterCode, i.CreditCode);

    static Dictionary<(string, string, string), string> Cancelled(ConsolidationInput input) =>
        input.Cancelled.GroupBy(c => (c.DeclarationId, c.MatterCode, c.CreditCode)).ToDictionary(g => g.Key, g => g.First().Reason);

    /// <summary>Declared visits are the (declaration, enterprise) pairs; a pair whose every item was
    /// cancelled is a visit saved by cancelling, the rest of the fall from declared to planned visits
    /// is saved by merging. Both are shares of the declared visits, so they add up to the rate.</summary>
    public static (int DeclaredVisits, double ReductionRate, double ByCancelling) Reductions(ConsolidationInput input, int visits)
    {
        var cancelled = Cancelled(input);
        var declared = input.Items.Select(i => (i.DeclarationId, i.CreditCode)).Distinct().Count();
        if (declared == 0) return (0, 0, 0);
        var remaining = cancelled.Count == 0 ? declared
            : input.Items.Where(i => !cancelled.ContainsKey(Key(i))).Select(i => (i.DeclarationId, i.CreditCode)).Distinct().Count();
        return (declared, Math.Round(1 - (double)visits / declared, 4), Math.Round((double)(declared - remaining) / declared, 4));
    }
}
