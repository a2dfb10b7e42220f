using ServiceDefaults;

namespace Planning.Domain.Consolidation;

/// <summary>The limits that couple enterprises: teams per day across the park, yearly caps per
/// agency and enterprise.</summary>
public static partial class Consolidator
{
    /// <summary>In order of day, enterprise, solo agency and first matter, a visit that puts an
    /// agency over its teams for the day moves to the nearest day inside every item's window where
    /// all its agencies fit (earlier on a tie); where none is, the over-booked agencies' items leave
    /// it, unscheduled. Load is counted per agency and day of the period.</summary>
    static void EnforceTeamsPerDay(Period period, Enterprise[] enterprises, ConsolidationLimits limits)
    {
        if (limits.TeamsPerDay.Count == 0) return;
        var visits = enterprises.SelectMany(e => e.Visits).ToList();
        var agencyIndex = new Dictionary<string, int>(Ordinal);
        foreach (var visit in visits)
            foreach (var agency in visit.Agencies)
                agencyIndex.TryAdd(agency, agencyIndex.Count);
        var teams = new int[agencyIndex.Count];
        foreach (var (agency, index) in agencyIndex)
            teams[index] = limits.TeamsPerDay.TryGetValue(agency, out var t) ? t : int.MaxValue;
        var periodDays = period.To.DayNumber - period.From.DayNumber + 1;
        var load = new int[agencyIndex.Count * periodDays];
        int Slot(string agency, DateOnly day) => agencyIndex[agency] * periodDays + (day.DayNumber - period.From.DayNumber);
        foreach (var visit in visits)
            foreach (var agency in visit.Agencies)
                load[Slot(agency, visit.Day)]++;
        bool Fits(string agency, DateOnly day) => load[Slot(agency, day)] < teams[agencyIndex[agency]];

        var days = visits.ConvertAll(v => v.Day);
        var order = Enumerable.Range(0, visits.Count).ToList();
        StableSort.Sort(order, (a, b) =>
            days[a] != days[b] ? days[a].CompareTo(days[b])
            : Ordinal.Compare(visits[a].CreditCode, visits[b].CreditCode) is var c and not 0 ? c
            : Ordinal.Compare(visits[a].SoloAgency ?? "", visits[b].SoloAgency ?? "") is var s and not 0 ? s
            : Ordinal.Compare(visits[a].Items[0].Matter, visits[b].Items[0].Matter));

        foreach (var visit in order.Select(i => visits[i]))
        {
            var agencies = visit.Agencies;
            var over = agencies.Where(a => load[Slot(a, visit.Day)] > teams[agencyIndex[a]]).ToList();
            if (over.Count == 0) continue;

            foreach (var a in agencies) load[Slot(a, visit.Day)]--;
            var lo = visit.Items.Max(i => i.Lo);
            var hi = visit.Items.Min(i => i.Hi);
            if (NearestRank(visit.Rank, lo, hi, r => Array.TrueForAll(agencies, a => Fits(a, visit.Days[r]))) is { } rank)
                visit.Rank = rank;
            else
                visit.Unschedule(over.Contains, DecisionReason.TeamCapacity);
            foreach (var a in visit.Agencies) load[Slot(a, visit.Day)]++;
        }
    }

    /// <summary>The rank in [<paramref name="lo"/>, <paramref name="hi"/>] nearest to <paramref name="rank"/>
    /// (the earlier on a tie) that <paramref name="fits"/>.</summary>
    static int? NearestRank(int rank, int lo, int hi, Func<int, bool> fits)
    {
        var reach = Math.Max(Math.Abs(rank - lo), Math.Abs(hi - rank));
        for (var distance = 0; distance <= reach; distance++)
        {
            if (rank - distance >= lo && rank - distance <= hi && fits(rank - distance)) return rank - distance;
            if (distance > 0 && rank + distance >= lo && rank + distance <= hi && fits(rank + distance)) return rank + distance;
        }
        return null;
    }

    /// <summary>Per enterprise and agency, the visits beyond what the yearly cap leaves this year
    /// (earliest kept) lose that agency's items, unscheduled. Each agency and enterprise is its own
    /// count, so enterprises are taken one by one.</summary>
    static void EnforceYearlyCaps(Enterprise[] enterprises, ConsolidationLimits limits)
    {
        if (limits.YearlyVisitCaps.Count == 0) return;
        foreach (var enterprise in enterprises)
        {
            var byAgency = new SortedDictionary<string, List<Visit>>(Ordinal);
            foreach (var visit in enterprise.Visits)
            {
                foreach (var agency in visit.Agencies)
                {
                    if (!byAgency.TryGetValue(agency, out var list)) byAgency.Add(agency, list = []);
                    list.Add(visit);
                }
            }
            foreach (var (agency, visits) in byAgency)
            {
                if (!limits.YearlyVisitCaps.TryGetValue(agency, out var cap)) continue;
                var allowed = Math.Max(0, cap - limits.VisitsAlreadyThisYear.GetValueOrDefault((agency, enterprise.CreditCode)));
                StableSort.Sort(visits, (a, b) => a.Day.CompareTo(b.Day));
                foreach (var visit in visits.Skip(allowed))
                    visit.Unschedule(a => a == agency, DecisionReason.YearlyCapReached);
            }
        }
    }
}
