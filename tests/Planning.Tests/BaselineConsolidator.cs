using Planning.Contracts;
using Planning.Domain;
using Planning.Domain.Consolidation;
using ServiceDefaults;

namespace Planning.Tests;

// The consolidation exactly as it stood before it was rewritten for province scale (LINQ over
// records, one allocation per step). Kept verbatim, only renamed, so that the rewrite is checked
// byte for byte against it (Consolidation_matches_its_baseline) and measured beside it in the
// benchmark's one run. Nothing in the product calls it.
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
public static class BaselineConsolidator
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

    /// <summary><paramref name="takenIds"/>: visit ids already in use (pinned or published visits), never reissued.</summary>
    public static ConsolidationResult Run(ConsolidationInput input, IReadOnlySet<string> takenIds)
    {
        var workingDays = input.Calendar.WorkingDays(input.Period.From, input.Period.To);
        var items = new List<Item>();
        var unscheduled = new List<Item>();
        var visits = new List<Visit>();
        var cancelled = Cancelled(input);

        foreach (var enterprise in input.Items.Where(i => !cancelled.ContainsKey(Key(i))).GroupBy(i => i.CreditCode).OrderBy(g => g.Key, Ordinal))
        {
            var days = AllowedDays(workingDays, input.QuietPeriods.GetValueOrDefault(enterprise.Key));
            var deduped = Dedupe(enterprise.Key, enterprise, days, unscheduled);
            items.AddRange(deduped);
            PlanEnterprise(enterprise.Key, deduped, days, input.Limits.MaxAgenciesPerJointVisit, visits);
        }

        EnforceTeamsPerDay(visits, input.Limits, unscheduled);
        EnforceYearlyCaps(visits, input.Limits, unscheduled);
        visits.RemoveAll(v => v.Items.Count == 0);

        var planned = Finish(input.Period, visits, takenIds);
        var decisions = Decisions(items, unscheduled, input.Limits.MaxAgenciesPerJointVisit)
            .Concat(input.Items.Where(i => cancelled.ContainsKey(Key(i))).Select(i => new MergeDecision(i.DeclarationId, i.AgencyCode, i.MatterCode, i.CreditCode,
                DecisionOutcome.Cancelled, DecisionReason.Unnecessary, null, $"营商办认定为不必要事项,予以取消:{cancelled[Key(i)]}")))
            .OrderBy(d => d.CreditCode, Ordinal).ThenBy(d => d.AgencyCode, Ordinal).ThenBy(d => d.MatterCode, Ordinal).ThenBy(d => d.DeclarationId, Ordinal).ToList();
        var lowerBound = items.Where(i => i.Visit is not null).GroupBy(i => i.CreditCode).Sum(g => LowerBound(g.ToList()));
        var (declaredVisits, reductionRate, byCancelling) = Reductions(input, planned.Count);
        var figures = new ConsolidationFigures(
            DeclaredVisits: declaredVisits,
            DeclaredItems: input.Items.Count,
            ItemsAfterDedupe: items.Count,
            Visits: planned.Count,
            JointVisits: planned.Count(v => v.Kind == VisitKind.Joint),
            SoloVisits: planned.Count(v => v.Kind == VisitKind.Solo),
            ReductionRate: reductionRate,
            MergeableShareOfMatters: input.MatterCount == 0 ? 0 : Math.Round((double)input.MergeableMatterCount / input.MatterCount, 4),
            LowerBound: lowerBound,
            Gap: planned.Count - lowerBound,
            Unscheduled: unscheduled.Sum(i => i.Declared.Count),
            CancelledItems: input.Items.Count(i => cancelled.ContainsKey(Key(i))),
            ReductionByCancelling: byCancelling);
        return new ConsolidationResult(input.Period.Code, AlgorithmVersion, planned, decisions, figures);
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
        var remaining = input.Items.Where(i => !cancelled.ContainsKey(Key(i))).Select(i => (i.DeclarationId, i.CreditCode)).Distinct().Count();
        return (declared, Math.Round(1 - (double)visits / declared, 4), Math.Round((double)(declared - remaining) / declared, 4));
    }

    sealed class Item
    {
        public required string CreditCode { get; init; }
        public required List<DeclaredItem> Declared { get; init; }
        public DeclaredItem Representative => Declared[0];
        public string Agency => Representative.AgencyCode;
        public string Matter => Representative.MatterCode;
        public bool Mergeable => Representative.Mergeable;
        public DateOnly From { get; init; }
        public DateOnly To { get; init; }
        public int Lo { get; init; }
        public int Hi { get; init; }
        public Visit? Visit { get; set; }
        public bool LeftOutByAgencyLimit { get; set; }
        public bool RodeInSolo { get; set; }
        public DecisionReason? UnscheduledBecause { get; set; }
    }

    sealed class Visit(string creditCode, DateOnly[] days, int rank, string? soloAgency)
    {
        public string CreditCode { get; } = creditCode;
        public DateOnly[] Days { get; } = days;
        public int Rank { get; set; } = rank;
        public DateOnly Day => Days[Rank];
        public string? SoloAgency { get; } = soloAgency;
        public List<Item> Items { get; } = [];
        public IEnumerable<string> Agencies => Items.Select(i => i.Agency).Distinct().Order(Ordinal);
        public string Id { get; set; } = "";
    }

    static DateOnly[] AllowedDays(DateOnly[] workingDays, IReadOnlyList<DateRange>? quiet) =>
        quiet is null || quiet.Count == 0 ? workingDays : workingDays.Where(d => !quiet.Any(q => q.Contains(d))).ToArray();

    /// <summary>The ranks in <paramref name="days"/> of the first and last allowed day inside the window.</summary>
    static (int Lo, int Hi) Ranks(DateOnly[] days, DateOnly from, DateOnly to)
    {
        var lo = Array.BinarySearch(days, from);
        if (lo < 0) lo = ~lo;
        var hi = Array.BinarySearch(days, to);
        hi = hi < 0 ? ~hi - 1 : hi;
        return (lo, hi);
    }

    /// <summary>One item per matter and overlapping windows, by the same stabbing greedy in the
    /// enterprise's allowed days: the resulting items of one matter are pairwise disjoint, so no
    /// visit can check a matter twice.</summary>
    static List<Item> Dedupe(string creditCode, IEnumerable<DeclaredItem> declared, DateOnly[] days, List<Item> unscheduled)
    {
        var items = new List<Item>();
        foreach (var matter in declared.GroupBy(d => d.MatterCode).OrderBy(g => g.Key, Ordinal))
        {
            var ranked = matter.Select(d => (Declared: d, Range: Ranks(days, d.From, d.To))).ToList();
            foreach (var impossible in ranked.Where(r => r.Range.Lo > r.Range.Hi).OrderBy(r => r.Declared.DeclarationId, Ordinal))
            {
                unscheduled.Add(new Item
                {
                    CreditCode = creditCode, Declared = [impossible.Declared], From = impossible.Declared.From, To = impossible.Declared.To,
                    Lo = impossible.Range.Lo, Hi = impossible.Range.Hi, UnscheduledBecause = DecisionReason.NoAllowedDay,
                });
            }
            var pending = ranked.Where(r => r.Range.Lo <= r.Range.Hi)
                .OrderBy(r => r.Range.Hi).ThenBy(r => r.Range.Lo).ThenBy(r => r.Declared.DeclarationId, Ordinal).ThenBy(r => r.Declared.AgencyCode, Ordinal)
                .ToList();
            while (pending.Count > 0)
            {
                var day = pending[0].Range.Hi;
                // Every pending range ends at or after `day`; those starting by then all contain it.
                var group = pending.Where(r => r.Range.Lo <= day).ToList();
                pending.RemoveAll(group.Contains);
                items.Add(new Item
                {
                    CreditCode = creditCode,
                    Declared = group.Select(r => r.Declared).OrderBy(d => d.MandateLevel).ThenBy(d => d.DeclarationId, Ordinal).ThenBy(d => d.AgencyCode, Ordinal).ToList(),
                    From = group.Max(r => r.Declared.From),
                    To = group.Min(r => r.Declared.To),
                    Lo = group.Max(r => r.Range.Lo),
                    Hi = day,
                });
            }
        }
        return items;
    }

    /// <summary>One sweep over the enterprise's items by earliest window end. The first pending
    /// item's last allowed day takes a visit (some optimal plan has one there). A non-mergeable item
    /// makes it a solo visit of its agency, which also takes that agency's mergeable items of the
    /// day. A mergeable item may start either a joint visit or its agency's solo visit. Where one
    /// choice takes everything the other would, it is taken; otherwise both are tried, the rest of
    /// the sweep is rolled out greedily after each, and the one needing fewer visits wins (joint on
    /// a tie, to merge wherever it costs nothing).</summary>
    static void PlanEnterprise(string creditCode, List<Item> items, DateOnly[] days, int maxAgencies, List<Visit> visits)
    {
        var sorted = items.OrderBy(i => i.Hi).ThenBy(i => i.Lo).ThenBy(i => i.Agency, Ordinal).ThenBy(i => i.Matter, Ordinal).ToArray();
        var done = new bool[sorted.Length];
        var k = Math.Max(1, maxAgencies);
        for (var f = Next(done, 0); f >= 0; f = Next(done, f))
        {
            var first = sorted[f];
            var solo = Solo(sorted, done, f);
            List<int> taken;
            string? soloAgency = first.Agency;
            if (first.Mergeable)
            {
                var (joint, leftOut) = Joint(sorted, done, f, k);
                var soloCarriesMore = solo.Any(i => !sorted[i].Mergeable);
                var jointCarriesMore = joint.Any(i => sorted[i].Agency != first.Agency);
                var chooseSolo = soloCarriesMore && (!jointCarriesMore || Rollout(sorted, done, solo, k) < Rollout(sorted, done, joint, k));
                if (chooseSolo)
                {
                    taken = solo;
                }
                else
                {
                    taken = joint;
                    soloAgency = null;
                    foreach (var i in leftOut) sorted[i].LeftOutByAgencyLimit = true;
                }
            }
            else
            {
                taken = solo;
            }

            var visit = new Visit(creditCode, days, first.Hi, soloAgency);
            var carriesNonMergeable = taken.Any(i => !sorted[i].Mergeable);
            foreach (var i in taken)
            {
                done[i] = true;
                visit.Items.Add(sorted[i]);
                sorted[i].Visit = visit;
                sorted[i].RodeInSolo = carriesNonMergeable && sorted[i].Mergeable;
            }
            visits.Add(visit);
        }
    }

    static int Next(bool[] done, int from)
    {
        for (var i = from; i < done.Length; i++)
            if (!done[i]) return i;
        return -1;
    }

    /// <summary>Pending items of the first item's agency that contain its last allowed day.</summary>
    static List<int> Solo(Item[] sorted, bool[] done, int first)
    {
        var day = sorted[first].Hi;
        var agency = sorted[first].Agency;
        var taken = new List<int>();
        for (var i = first; i < sorted.Length; i++)
            if (!done[i] && sorted[i].Lo <= day && sorted[i].Agency == agency) taken.Add(i);
        return taken;
    }

    /// <summary>Pending mergeable items containing the first item's last allowed day, from at most
    /// <paramref name="maxAgencies"/> agencies: the first item's own, then the most urgent others
    /// (the sort puts each agency's most urgent item first).</summary>
    static (List<int> Taken, List<int> LeftOut) Joint(Item[] sorted, bool[] done, int first, int maxAgencies)
    {
        var day = sorted[first].Hi;
        var chosen = new List<string>(Math.Min(maxAgencies, 8)) { sorted[first].Agency };
        var taken = new List<int>();
        var leftOut = new List<int>();
        for (var i = first; i < sorted.Length; i++)
        {
            var item = sorted[i];
            if (done[i] || !item.Mergeable || item.Lo > day) continue;
            if (!chosen.Contains(item.Agency) && chosen.Count < maxAgencies) chosen.Add(item.Agency);
            (chosen.Contains(item.Agency) ? taken : leftOut).Add(i);
        }
        return (taken, leftOut);
    }

    /// <summary>The visits the rest of the sweep needs after taking <paramref name="taken"/>, by the
    /// plain rule: join other agencies where there are any, else the agency's solo visit.</summary>
    static int Rollout(Item[] sorted, bool[] done, List<int> taken, int maxAgencies)
    {
        var mask = (bool[])done.Clone();
        foreach (var i in taken) mask[i] = true;
        var visits = 1;
        for (var f = Next(mask, 0); f >= 0; f = Next(mask, f), visits++)
        {
            var first = sorted[f];
            var next = first.Mergeable ? Joint(sorted, mask, f, maxAgencies).Taken : null;
            if (next is null || next.All(i => sorted[i].Agency == first.Agency)) next = Solo(sorted, mask, f);
            foreach (var i in next) mask[i] = true;
        }
        return visits;
    }

    static void EnforceTeamsPerDay(List<Visit> visits, ConsolidationLimits limits, List<Item> unscheduled)
    {
        if (limits.TeamsPerDay.Count == 0) return;
        var load = new Dictionary<(string Agency, DateOnly Day), int>();
        foreach (var visit in visits)
            foreach (var agency in visit.Agencies)
                load[(agency, visit.Day)] = load.GetValueOrDefault((agency, visit.Day)) + 1;
        bool Fits(string agency, DateOnly day) =>
            !limits.TeamsPerDay.TryGetValue(agency, out var teams) || load.GetValueOrDefault((agency, day)) < teams;

        foreach (var visit in visits.OrderBy(v => v.Day).ThenBy(v => v.CreditCode, Ordinal).ThenBy(v => v.SoloAgency ?? "", Ordinal).ThenBy(v => v.Items[0].Matter, Ordinal).ToList())
        {
            var agencies = visit.Agencies.ToList();
            var over = agencies.Where(a => limits.TeamsPerDay.TryGetValue(a, out var teams) && load[(a, visit.Day)] > teams).ToList();
            if (over.Count == 0) continue;

            foreach (var a in agencies) load[(a, visit.Day)]--;
            var lo = visit.Items.Max(i => i.Lo);
            var hi = visit.Items.Min(i => i.Hi);
            var target = Enumerable.Range(lo, hi - lo + 1)
                .OrderBy(r => Math.Abs(r - visit.Rank)).ThenBy(r => r)
                .Cast<int?>().FirstOrDefault(r => agencies.All(a => Fits(a, visit.Days[r!.Value])));
            if (target is { } rank)
            {
                visit.Rank = rank;
            }
            else
            {
                foreach (var item in visit.Items.Where(i => over.Contains(i.Agency)).ToList())
                {
                    visit.Items.Remove(item);
                    item.Visit = null;
                    item.UnscheduledBecause = DecisionReason.TeamCapacity;
                    unscheduled.Add(item);
                }
            }
            foreach (var a in visit.Agencies) load[(a, visit.Day)] = load.GetValueOrDefault((a, visit.Day)) + 1;
        }
    }

    static void EnforceYearlyCaps(List<Visit> visits, ConsolidationLimits limits, List<Item> unscheduled)
    {
        if (limits.YearlyVisitCaps.Count == 0) return;
        var participations = visits.SelectMany(v => v.Agencies.Select(a => (Agency: a, Visit: v)))
            .GroupBy(p => (p.Agency, p.Visit.CreditCode))
            .OrderBy(g => g.Key.Agency, Ordinal).ThenBy(g => g.Key.CreditCode, Ordinal);
        foreach (var group in participations)
        {
            if (!limits.YearlyVisitCaps.TryGetValue(group.Key.Agency, out var cap)) continue;
            var allowed = Math.Max(0, cap - limits.VisitsAlreadyThisYear.GetValueOrDefault(group.Key));
            foreach (var (_, visit) in group.OrderBy(p => p.Visit.Day).Skip(allowed))
            {
                foreach (var item in visit.Items.Where(i => i.Agency == group.Key.Agency).ToList())
                {
                    visit.Items.Remove(item);
                    item.Visit = null;
                    item.UnscheduledBecause = DecisionReason.YearlyCapReached;
                    unscheduled.Add(item);
                }
            }
        }
    }

    static List<PlannedVisit> Finish(Period period, List<Visit> visits, IReadOnlySet<string> takenIds)
    {
        var planned = new List<PlannedVisit>();
        foreach (var day in visits.GroupBy(v => (v.CreditCode, v.Day)).OrderBy(g => g.Key.CreditCode, Ordinal).ThenBy(g => g.Key.Day))
        {
            var sequence = 0;
            foreach (var visit in day.OrderBy(v => v.Agencies.First(), Ordinal).ThenBy(v => v.Items.Min(i => i.Matter), Ordinal))
            {
                do visit.Id = $"{period.Code}-{visit.CreditCode}-{visit.Day:yyyyMMdd}-{++sequence}";
                while (takenIds.Contains(visit.Id));
                var items = visit.Items.OrderBy(i => i.Agency, Ordinal).ThenBy(i => i.Matter, Ordinal).ThenBy(i => i.From)
                    .Select(i => new PlannedItem(i.Agency, i.Matter, i.Mergeable, i.Representative.MandateLevel, i.Representative.Category, i.From, i.To,
                        i.Declared.Select(d => d.DeclarationId).Distinct().Order(Ordinal).ToList()))
                    .ToList();
                var agencies = visit.Agencies.ToList();
                planned.Add(new PlannedVisit(visit.Id, visit.CreditCode, visit.Day, agencies.Count > 1 ? VisitKind.Joint : VisitKind.Solo, Lead(visit), agencies, items));
            }
        }
        return planned;
    }

    /// <summary>The lead of a visit: the agency carrying the highest mandate level (Central first),
    /// then the one checking the most matters, then the lowest agency code.</summary>
    static string Lead(Visit visit) =>
        visit.Items.GroupBy(i => i.Agency)
            .OrderBy(g => g.Min(i => i.Representative.MandateLevel))
            .ThenByDescending(g => g.Count())
            .ThenBy(g => g.Key, Ordinal)
            .First().Key;

    /// <summary>Valid for the whole model: pairwise-disjoint items need distinct visits; so do the
    /// solo visits of different agencies, and mergeable items that share no allowed day with any
    /// non-mergeable item of their agency can never join a solo visit.</summary>
    static int LowerBound(List<Item> items)
    {
        var all = IntervalStabbing.MaxDisjoint(items.Select(i => (i.Lo, i.Hi)));
        var nonMergeable = items.Where(i => !i.Mergeable).ToList();
        var solo = nonMergeable.GroupBy(i => i.Agency).Sum(g => IntervalStabbing.MaxDisjoint(g.Select(i => (i.Lo, i.Hi))));
        var free = items.Where(i => i.Mergeable && !nonMergeable.Any(n => n.Agency == i.Agency && n.Lo <= i.Hi && i.Lo <= n.Hi));
        return Math.Max(all, solo + IntervalStabbing.MaxDisjoint(free.Select(i => (i.Lo, i.Hi))));
    }

    static List<MergeDecision> Decisions(List<Item> items, List<Item> unscheduled, int maxAgencies)
    {
        var decisions = new List<MergeDecision>();
        foreach (var item in items.Where(i => i.Visit is not null).Concat(unscheduled).Distinct())
        {
            var (outcome, reason, explanation) = Explain(item, maxAgencies);
            var representative = item.Representative;
            decisions.Add(new MergeDecision(representative.DeclarationId, representative.AgencyCode, representative.MatterCode, item.CreditCode, outcome, reason, item.Visit?.Id, explanation));
            foreach (var absorbed in item.Declared.Skip(1))
            {
                decisions.Add(new MergeDecision(absorbed.DeclarationId, absorbed.AgencyCode, absorbed.MatterCode, item.CreditCode,
                    item.Visit is null ? DecisionOutcome.Unscheduled : DecisionOutcome.Absorbed, DecisionReason.DuplicateOfSameMatter, item.Visit?.Id,
                    $"同一企业同一事项、时间窗重叠,并入申报{representative.DeclarationId}的检查,只检查一次"));
            }
        }
        return decisions.OrderBy(d => d.CreditCode, Ordinal).ThenBy(d => d.AgencyCode, Ordinal).ThenBy(d => d.MatterCode, Ordinal).ThenBy(d => d.DeclarationId, Ordinal).ToList();
    }

    static (DecisionOutcome, DecisionReason, string) Explain(Item item, int maxAgencies)
    {
        if (item.Visit is null)
        {
            return item.UnscheduledBecause switch
            {
                DecisionReason.TeamCapacity => (DecisionOutcome.Unscheduled, DecisionReason.TeamCapacity, "本单位检查组在窗口内每个可检查日都已排满,未能安排"),
                DecisionReason.YearlyCapReached => (DecisionOutcome.Unscheduled, DecisionReason.YearlyCapReached, "本单位对该企业本年度检查次数已达上限,未能安排"),
                _ => (DecisionOutcome.Unscheduled, DecisionReason.NoAllowedDay, "时间窗内没有可检查的工作日(法定节假日、周末或企业无事不扰期)"),
            };
        }
        if (item.RodeInSolo)
            return (DecisionOutcome.RodeInSolo, DecisionReason.RodeInOwnSoloVisit, "可合并事项,随本单位的单独检查一并进行,减少一次入企");
        if (!item.Mergeable)
            return (DecisionOutcome.Solo, DecisionReason.NonMergeable, "不可合并事项,由本单位单独检查");
        var others = item.Visit.Agencies.Where(a => a != item.Agency).ToList();
        if (others.Count > 0)
            return (DecisionOutcome.Joint, DecisionReason.MergedWithOtherAgencies, $"可合并事项,与{string.Join("、", others)}联合检查");
        if (item.LeftOutByAgencyLimit)
            return (DecisionOutcome.Solo, DecisionReason.AgencyLimitReached, $"可合并事项,但重叠时间内的联合检查已达每次{maxAgencies}家单位的上限");
        return (DecisionOutcome.Solo, DecisionReason.NoOverlappingMergeableItem, "可合并事项,但时间窗内没有其他单位的可合并事项");
    }
}
