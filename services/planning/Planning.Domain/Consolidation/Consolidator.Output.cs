using Planning.Contracts;
using ServiceDefaults;

namespace Planning.Domain.Consolidation;

/// <summary>What an enterprise's visits become: ids and leads, the lower bound, the merge log.</summary>
public static partial class Consolidator
{
    /// <summary>Visits by day; on one day by first agency, then by first matter (as the culture-aware
    /// minimum the plan has always used), numbered from 1 past the ids already taken.</summary>
    static List<PlannedVisit> Finish(Period period, Enterprise enterprise, IReadOnlySet<string> takenIds)
    {
        var visits = enterprise.Visits.ConvertAll(v => (Visit: v, FirstMatter: FirstMatter(v)));
        StableSort.Sort(visits, (a, b) =>
            a.Visit.Day != b.Visit.Day ? a.Visit.Day.CompareTo(b.Visit.Day)
            : Ordinal.Compare(a.Visit.Agencies[0], b.Visit.Agencies[0]) is var c and not 0 ? c
            : Ordinal.Compare(a.FirstMatter, b.FirstMatter));

        var planned = new List<PlannedVisit>(visits.Count);
        var sequence = 0;
        for (var v = 0; v < visits.Count; v++)
        {
            var visit = visits[v].Visit;
            if (v == 0 || visits[v - 1].Visit.Day != visit.Day) sequence = 0;
            do visit.Id = $"{period.Code}-{visit.CreditCode}-{visit.Day:yyyyMMdd}-{++sequence}";
            while (takenIds.Contains(visit.Id));
            // The visit's own order of items no longer matters once it is planned.
            var items = visit.Items;
            StableSort.Sort(items, (a, b) =>
                Ordinal.Compare(a.Agency, b.Agency) is var c and not 0 ? c
                : Ordinal.Compare(a.Matter, b.Matter) is var m and not 0 ? m
                : a.From.CompareTo(b.From));
            var plannedItems = items.ConvertAll(i => new PlannedItem(i.Agency, i.Matter, i.Mergeable, i.Representative.MandateLevel, i.Representative.Category,
                i.From, i.To, DeclarationIds(i)));
            var agencies = visit.Agencies;
            planned.Add(new PlannedVisit(visit.Id, visit.CreditCode, visit.Day, agencies.Length > 1 ? VisitKind.Joint : VisitKind.Solo, Lead(visit), agencies, plannedItems));
        }
        return planned;
    }

    /// <summary>As <c>Items.Min(i =&gt; i.Matter)</c>: the culture-aware minimum, the first of equals.</summary>
    static string FirstMatter(Visit visit)
    {
        var min = visit.Items[0].Matter;
        foreach (var item in visit.Items)
            if (Comparer<string>.Default.Compare(item.Matter, min) < 0) min = item.Matter;
        return min;
    }

    /// <summary>The distinct declarations an item absorbed, in ordinal order.</summary>
    static string[] DeclarationIds(Item item)
    {
        if (item.Declared.Count == 1) return [item.Declared[0].DeclarationId];
        var ids = item.Declared.ConvertAll(d => d.DeclarationId);
        ids.Sort(Ordinal);
        return ids.Where((id, i) => i == 0 || id != ids[i - 1]).ToArray();
    }

    /// <summary>The lead of a visit: the agency carrying the highest mandate level (Central first),
    /// then the one checking the most matters, then the lowest agency code.</summary>
    static string Lead(Visit visit)
    {
        string? lead = null;
        var (leadLevel, leadCount) = (default(MandateLevel), 0);
        foreach (var agency in visit.Agencies)
        {
            var level = (MandateLevel)int.MaxValue;
            var count = 0;
            foreach (var item in visit.Items)
            {
                if (item.Agency != agency) continue;
                count++;
                if (item.Representative.MandateLevel < level) level = item.Representative.MandateLevel;
            }
            if (lead is null || level < leadLevel || (level == leadLevel && count > leadCount))
                (lead, leadLevel, leadCount) = (agency, level, count);
        }
        return lead!;
    }

    /// <summary>Valid for the whole model: pairwise-disjoint items need distinct visits; so do the
    /// solo visits of different agencies, and mergeable items that share no allowed day with any
    /// non-mergeable item of their agency can never join a solo visit. Counted over the items that
    /// kept a visit.</summary>
    static int LowerBound(List<Item> items)
    {
        var placed = items.Where(i => i.Visit is not null).ToArray();
        var all = IntervalStabbing.MaxDisjoint(placed.Select(i => (i.Lo, i.Hi)).ToArray());
        var nonMergeable = placed.Where(i => !i.Mergeable).ToArray();
        var solo = 0;
        foreach (var agency in nonMergeable.Select(i => i.Agency).Distinct())
            solo += IntervalStabbing.MaxDisjoint(nonMergeable.Where(i => i.Agency == agency).Select(i => (i.Lo, i.Hi)).ToArray());
        var free = placed.Where(i => i.Mergeable && !Array.Exists(nonMergeable, n => n.Agency == i.Agency && n.Lo <= i.Hi && i.Lo <= n.Hi));
        return Math.Max(all, solo + IntervalStabbing.MaxDisjoint(free.Select(i => (i.Lo, i.Hi)).ToArray()));
    }

    /// <summary>The enterprise's lines of the merge log: its placed items, then its unscheduled ones,
    /// then its cancelled ones, each item's representative before what it absorbed; ordered by
    /// agency, matter and declaration, keeping that order among equals.</summary>
    static List<MergeDecision> Decisions(Enterprise enterprise, int maxAgencies, Dictionary<(string, string, string), string> cancelled)
    {
        var decisions = new List<MergeDecision>(enterprise.Declared.Count + enterprise.Cancelled.Count);
        foreach (var item in enterprise.Items.Where(i => i.Visit is not null).Concat(enterprise.Unscheduled))
        {
            var (outcome, reason, explanation) = Explain(item, maxAgencies);
            var representative = item.Representative;
            decisions.Add(new MergeDecision(representative.DeclarationId, representative.AgencyCode, representative.MatterCode, item.CreditCode, outcome, reason, item.Visit?.Id, explanation));
            for (var i = 1; i < item.Declared.Count; i++)
            {
                var absorbed = item.Declared[i];
                decisions.Add(new MergeDecision(absorbed.DeclarationId, absorbed.AgencyCode, absorbed.MatterCode, item.CreditCode,
                    item.Visit is null ? DecisionOutcome.Unscheduled : DecisionOutcome.Absorbed, DecisionReason.DuplicateOfSameMatter, item.Visit?.Id,
                    $"同一企业同一事项、时间窗重叠,并入申报{representative.DeclarationId}的检查,只检查一次"));
            }
        }
        foreach (var (i, reason) in enterprise.Cancelled)
            decisions.Add(new MergeDecision(i.DeclarationId, i.AgencyCode, i.MatterCode, i.CreditCode,
                DecisionOutcome.Cancelled, DecisionReason.Unnecessary, null, $"营商办认定为不必要事项,予以取消:{reason}"));
        StableSort.Sort(decisions, (a, b) =>
            Ordinal.Compare(a.AgencyCode, b.AgencyCode) is var c and not 0 ? c
            : Ordinal.Compare(a.MatterCode, b.MatterCode) is var m and not 0 ? m
            : Ordinal.Compare(a.DeclarationId, b.DeclarationId));
        return decisions;
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
        var agencies = item.Visit.Agencies;
        if (agencies.Length > 1)
            return (DecisionOutcome.Joint, DecisionReason.MergedWithOtherAgencies, $"可合并事项,与{string.Join("、", agencies.Where(a => a != item.Agency))}联合检查");
        if (item.LeftOutByAgencyLimit)
            return (DecisionOutcome.Solo, DecisionReason.AgencyLimitReached, $"可合并事项,但重叠时间内的联合检查已达每次{maxAgencies}家单位的上限");
        return (DecisionOutcome.Solo, DecisionReason.NoOverlappingMergeableItem, "可合并事项,但时间窗内没有其他单位的可合并事项");
    }
}
