using ServiceDefaults;

namespace Planning.Domain.Consolidation;

/// <summary>What a supplement is consolidated against: the period's published visits as they stand
/// (the plan and its earlier supplements) and the items declared since.</summary>
public sealed record SupplementInput(
    Period Period,
    IReadOnlyList<PlannedVisit> Published,
    IReadOnlyList<DeclaredItem> Items,
    IReadOnlyDictionary<string, IReadOnlyList<DateRange>> QuietPeriods,
    WorkingCalendar Calendar,
    int MaxAgenciesPerJointVisit = int.MaxValue)
{
    public IReadOnlyList<CancelledItem> Cancelled { get; init; } = [];
}

/// <summary><c>LowerBound</c> bounds the new visits given what could ride; <c>Gap</c> is how many more
/// the supplement has.</summary>
public sealed record SupplementFigures(int DeclaredItems, int CancelledItems, int Absorbed, int RodeInPublishedVisits, int ChangedVisits, int NewVisits,
    int LowerBound, int Gap, int Unscheduled);

/// <summary><c>ChangedVisits</c>: published visits that take new items, same id, day and lead.</summary>
public sealed record SupplementResult(string Period, string AlgorithmVersion, IReadOnlyList<PlannedVisit> ChangedVisits, IReadOnlyList<PlannedVisit> NewVisits,
    IReadOnlyList<MergeDecision> Decisions, SupplementFigures Figures);

/// <summary>
/// 补充计划: items declared after publication are consolidated against the published plan without
/// rewriting any published visit: no visit moves, loses an item, changes its lead or its kind.
/// <list type="number">
/// <item>An item whose matter a published visit at the enterprise already checks on a day inside
/// the item's window is absorbed there (同一企业同一事项一次检查).</item>
/// <item>Otherwise it rides in the earliest published visit at the enterprise on a day inside its
/// window that it fits: a non-mergeable item only in its own agency's solo visit; a mergeable item
/// in any visit its agency already makes, or in a joint visit with room for one more agency (at most
/// K). A published solo visit never turns joint, so riding never closes another item's way in.</item>
/// <item>What cannot ride is consolidated into new visits by <see cref="Consolidator"/>, with ids
/// the published ones do not use.</item>
/// </list>
/// Riding costs no visit and each item's chance to ride depends on no other item's when room is not
/// short (an agency joining a joint visit keeps it joint; nothing else changes what may ride), so the
/// new visits are minimal given the published ones exactly when the consolidation of the rest is
/// minimal: its lower bound is reported beside the count. Where room is short, riders take it in order
/// of earliest window end.
/// </summary>
public static class SupplementaryPlan
{
    public const string AlgorithmVersion = "supplement/1";
    static readonly StringComparer Ordinal = StringComparer.Ordinal;

    public static SupplementResult Run(SupplementInput input)
    {
        var cancelled = input.Cancelled.GroupBy(c => (c.DeclarationId, c.MatterCode, c.CreditCode)).ToDictionary(g => g.Key, g => g.First().Reason);
        var visits = input.Published.ToDictionary(v => v.VisitId, Ordinal);
        var changed = new HashSet<string>(Ordinal);
        var decisions = new List<MergeDecision>();
        var rest = new List<DeclaredItem>();
        var (absorbed, rode) = (0, 0);

        foreach (var item in input.Items.OrderBy(i => i.CreditCode, Ordinal).ThenBy(i => i.To).ThenBy(i => i.From)
                     .ThenBy(i => i.DeclarationId, Ordinal).ThenBy(i => i.MatterCode, Ordinal))
        {
            if (cancelled.TryGetValue((item.DeclarationId, item.MatterCode, item.CreditCode), out var reason))
            {
                decisions.Add(Decision(item, DecisionOutcome.Cancelled, DecisionReason.Unnecessary, null, $"营商办认定为不必要事项,予以取消:{reason}"));
                continue;
            }
            var candidates = visits.Values.Where(v => v.CreditCode == item.CreditCode && item.From <= v.Day && v.Day <= item.To)
                .OrderBy(v => v.Day).ThenBy(v => v.VisitId, Ordinal).ToList();
            if (candidates.FirstOrDefault(v => v.Items.Any(i => i.MatterCode == item.MatterCode)) is { } same)
            {
                visits[same.VisitId] = Absorb(same, item);
                changed.Add(same.VisitId);
                absorbed++;
                decisions.Add(Decision(item, DecisionOutcome.Absorbed, DecisionReason.DuplicateOfSameMatter, same.VisitId,
                    $"同一企业同一事项,已发布的检查{same.VisitId}在时间窗内,并入该次检查,只检查一次"));
            }
            else if (candidates.FirstOrDefault(v => Fits(v, item, input.MaxAgenciesPerJointVisit)) is { } ride)
            {
                visits[ride.VisitId] = Ride(ride, item);
                changed.Add(ride.VisitId);
                rode++;
                decisions.Add(Decision(item, DecisionOutcome.RodeInPublished, DecisionReason.RodeInPublishedVisit, ride.VisitId,
                    $"随已发布的检查{ride.VisitId}一并进行,日期不变,不增加入企次数"));
            }
            else
            {
                rest.Add(item);
            }
        }

        var fresh = Consolidator.Run(new ConsolidationInput(input.Period, rest, input.QuietPeriods, input.Calendar,
            new ConsolidationLimits { MaxAgenciesPerJointVisit = input.MaxAgenciesPerJointVisit }), visits.Keys.ToHashSet(Ordinal));
        decisions.AddRange(fresh.Decisions);
        var changedVisits = changed.Order(Ordinal).Select(id => visits[id]).ToList();
        var figures = new SupplementFigures(
            DeclaredItems: input.Items.Count,
            CancelledItems: input.Items.Count(i => cancelled.ContainsKey((i.DeclarationId, i.MatterCode, i.CreditCode))),
            Absorbed: absorbed,
            RodeInPublishedVisits: rode,
            ChangedVisits: changedVisits.Count,
            NewVisits: fresh.Visits.Count,
            LowerBound: fresh.Figures.LowerBound,
            Gap: fresh.Figures.Gap,
            Unscheduled: fresh.Figures.Unscheduled);
        return new SupplementResult(input.Period.Code, AlgorithmVersion, changedVisits, fresh.Visits,
            decisions.OrderBy(d => d.CreditCode, Ordinal).ThenBy(d => d.AgencyCode, Ordinal).ThenBy(d => d.MatterCode, Ordinal).ThenBy(d => d.DeclarationId, Ordinal).ToList(),
            figures);
    }

    /// <summary>Whether the item may ride in the visit without changing what the visit is.</summary>
    static bool Fits(PlannedVisit visit, DeclaredItem item, int maxAgencies) =>
        !item.Mergeable
            ? visit.Kind == VisitKind.Solo && visit.LeadAgency == item.AgencyCode
            : visit.Agencies.Contains(item.AgencyCode) || (visit.Kind == VisitKind.Joint && visit.Agencies.Count < maxAgencies);

    static PlannedVisit Absorb(PlannedVisit visit, DeclaredItem item) => visit with
    {
        Items = visit.Items.Select(i => i.MatterCode != item.MatterCode ? i : i with
        {
            From = i.From > item.From ? i.From : item.From,
            To = i.To < item.To ? i.To : item.To,
            Declarations = i.Declarations.Append(item.DeclarationId).Distinct().Order(Ordinal).ToList(),
        }).ToList(),
    };

    static PlannedVisit Ride(PlannedVisit visit, DeclaredItem item) => visit with
    {
        Agencies = visit.Agencies.Append(item.AgencyCode).Distinct().Order(Ordinal).ToList(),
        Items = visit.Items.Append(new PlannedItem(item.AgencyCode, item.MatterCode, item.Mergeable, item.MandateLevel, item.Category, item.From, item.To, [item.DeclarationId]))
            .OrderBy(i => i.AgencyCode, Ordinal).ThenBy(i => i.MatterCode, Ordinal).ThenBy(i => i.From).ToList(),
    };

    static MergeDecision Decision(DeclaredItem item, DecisionOutcome outcome, DecisionReason reason, string? visitId, string explanation) =>
        new(item.DeclarationId, item.AgencyCode, item.MatterCode, item.CreditCode, outcome, reason, visitId, explanation);
}
