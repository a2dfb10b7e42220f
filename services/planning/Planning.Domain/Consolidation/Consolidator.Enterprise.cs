namespace Planning.Domain.Consolidation;

/// <summary>The steps each enterprise takes on its own: its allowed days, dedupe, and the sweep.</summary>
public static partial class Consolidator
{
    static DateOnly[] AllowedDays(DateOnly[] workingDays, IReadOnlyList<DateRange>? quiet)
    {
        if (quiet is null || quiet.Count == 0) return workingDays;
        var allowed = new List<DateOnly>(workingDays.Length);
        foreach (var day in workingDays)
        {
            var isQuiet = false;
            for (var q = 0; q < quiet.Count && !isQuiet; q++) isQuiet = quiet[q].Contains(day);
            if (!isQuiet) allowed.Add(day);
        }
        return allowed.ToArray();
    }

    /// <summary>The ranks in <paramref name="days"/> of the first and last allowed day inside the window.</summary>
    static (int Lo, int Hi) Ranks(DateOnly[] days, DateOnly from, DateOnly to)
    {
        var lo = Array.BinarySearch(days, from);
        if (lo < 0) lo = ~lo;
        var hi = Array.BinarySearch(days, to);
        hi = hi < 0 ? ~hi - 1 : hi;
        return (lo, hi);
    }

    readonly record struct Ranked(DeclaredItem Declared, int Lo, int Hi)
    {
        public bool Possible => Lo <= Hi;
    }

    /// <summary>One item per matter and overlapping windows, by the same stabbing greedy in the
    /// enterprise's allowed days: the resulting items of one matter are pairwise disjoint, so no
    /// visit can check a matter twice. Matters in ordinal order; a matter's items without an allowed
    /// day are unscheduled first (by declaration), then its others are swept by earliest end.</summary>
    static void Dedupe(Enterprise enterprise)
    {
        var ranked = new List<Ranked>(enterprise.Declared.Count);
        foreach (var d in enterprise.Declared)
        {
            var (lo, hi) = Ranks(enterprise.Days, d.From, d.To);
            ranked.Add(new Ranked(d, lo, hi));
        }
        StableSort.Sort(ranked, (a, b) =>
            Ordinal.Compare(a.Declared.MatterCode, b.Declared.MatterCode) is var c and not 0 ? c
            : a.Possible != b.Possible ? a.Possible.CompareTo(b.Possible)
            : !a.Possible ? Ordinal.Compare(a.Declared.DeclarationId, b.Declared.DeclarationId)
            : a.Hi != b.Hi ? a.Hi.CompareTo(b.Hi)
            : a.Lo != b.Lo ? a.Lo.CompareTo(b.Lo)
            : Ordinal.Compare(a.Declared.DeclarationId, b.Declared.DeclarationId) is var d and not 0 ? d
            : Ordinal.Compare(a.Declared.AgencyCode, b.Declared.AgencyCode));

        var grouped = new bool[ranked.Count];
        for (var i = 0; i < ranked.Count; i++)
        {
            var r = ranked[i];
            if (!r.Possible)
            {
                enterprise.Unscheduled.Add(new Item
                {
                    Enterprise = enterprise, Declared = [r.Declared], From = r.Declared.From, To = r.Declared.To,
                    Lo = r.Lo, Hi = r.Hi, UnscheduledBecause = DecisionReason.NoAllowedDay,
                });
                continue;
            }
            if (grouped[i]) continue;
            // Every later range of the matter ends at or after `day`; those starting by then all contain it.
            var day = r.Hi;
            var group = new List<DeclaredItem>(1) { r.Declared };
            var (from, to, lo) = (r.Declared.From, r.Declared.To, r.Lo);
            for (var j = i + 1; j < ranked.Count && ranked[j].Declared.MatterCode == r.Declared.MatterCode; j++)
            {
                var other = ranked[j];
                if (grouped[j] || other.Lo > day) continue;
                grouped[j] = true;
                group.Add(other.Declared);
                if (other.Declared.From > from) from = other.Declared.From;
                if (other.Declared.To < to) to = other.Declared.To;
                if (other.Lo > lo) lo = other.Lo;
            }
            StableSort.Sort(group, (a, b) =>
                a.MandateLevel != b.MandateLevel ? a.MandateLevel.CompareTo(b.MandateLevel)
                : Ordinal.Compare(a.DeclarationId, b.DeclarationId) is var c and not 0 ? c
                : Ordinal.Compare(a.AgencyCode, b.AgencyCode));
            enterprise.Items.Add(new Item { Enterprise = enterprise, Declared = group, From = from, To = to, Lo = lo, Hi = day });
        }
    }

    /// <summary>One sweep over the enterprise's items by earliest window end. The first pending
    /// item's last allowed day takes a visit (some optimal plan has one there). A non-mergeable item
    /// makes it a solo visit of its agency, which also takes that agency's mergeable items of the
    /// day. A mergeable item may start either a joint visit or its agency's solo visit. Where one
    /// choice takes everything the other would, it is taken; otherwise both are tried, the rest of
    /// the sweep is rolled out greedily after each, and the one needing fewer visits wins (joint on
    /// a tie, to merge wherever it costs nothing).</summary>
    static void PlanEnterprise(Enterprise enterprise, int maxAgencies, Scratch scratch)
    {
        var sorted = enterprise.Items.ToArray();
        StableSort.Sort(sorted.AsSpan(), (a, b) =>
            a.Hi != b.Hi ? a.Hi.CompareTo(b.Hi)
            : a.Lo != b.Lo ? a.Lo.CompareTo(b.Lo)
            : Ordinal.Compare(a.Agency, b.Agency) is var c and not 0 ? c
            : Ordinal.Compare(a.Matter, b.Matter));
        var done = new bool[sorted.Length];
        var k = Math.Max(1, maxAgencies);
        for (var f = Next(done, 0, done.Length); f >= 0; f = Next(done, f, done.Length))
        {
            var first = sorted[f];
            var solo = Solo(sorted, done, f, scratch.Solo);
            var taken = solo;
            string? soloAgency = first.Agency;
            if (first.Mergeable)
            {
                var (joint, leftOut) = Joint(sorted, done, f, k, scratch.Joint, scratch.LeftOut, scratch.Chosen);
                var soloCarriesMore = AnyNonMergeable(sorted, solo);
                var jointCarriesMore = !AllOfAgency(sorted, joint, first.Agency);
                var chooseSolo = soloCarriesMore && (!jointCarriesMore || Rollout(sorted, done, solo, k, scratch) < Rollout(sorted, done, joint, k, scratch));
                if (!chooseSolo)
                {
                    taken = joint;
                    soloAgency = null;
                    foreach (var i in leftOut) sorted[i].LeftOutByAgencyLimit = true;
                }
            }

            var visit = new Visit(enterprise, first.Hi, soloAgency);
            var carriesNonMergeable = AnyNonMergeable(sorted, taken);
            foreach (var i in taken)
            {
                done[i] = true;
                visit.Add(sorted[i]);
                sorted[i].RodeInSolo = carriesNonMergeable && sorted[i].Mergeable;
            }
            enterprise.Visits.Add(visit);
        }
    }

    /// <summary>Pending items of the first item's agency that contain its last allowed day (into <paramref name="taken"/>).</summary>
    static List<int> Solo(Item[] sorted, bool[] done, int first, List<int> taken)
    {
        var day = sorted[first].Hi;
        var agency = sorted[first].Agency;
        taken.Clear();
        for (var i = first; i < sorted.Length; i++)
            if (!done[i] && sorted[i].Lo <= day && sorted[i].Agency == agency) taken.Add(i);
        return taken;
    }

    /// <summary>Pending mergeable items containing the first item's last allowed day, from at most
    /// <paramref name="maxAgencies"/> agencies: the first item's own, then the most urgent others
    /// (the sort puts each agency's most urgent item first).</summary>
    static (List<int> Taken, List<int> LeftOut) Joint(Item[] sorted, bool[] done, int first, int maxAgencies, List<int> taken, List<int> leftOut, List<string> chosen)
    {
        var day = sorted[first].Hi;
        chosen.Clear();
        chosen.Add(sorted[first].Agency);
        taken.Clear();
        leftOut.Clear();
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
    static int Rollout(Item[] sorted, bool[] done, List<int> taken, int maxAgencies, Scratch scratch)
    {
        if (scratch.Mask.Length < done.Length) scratch.Mask = new bool[done.Length];
        var mask = scratch.Mask.AsSpan(0, done.Length);
        done.CopyTo(mask);
        foreach (var i in taken) mask[i] = true;
        var maskArray = scratch.Mask;
        var visits = 1;
        for (var f = Next(maskArray, 0, done.Length); f >= 0; f = Next(maskArray, f, done.Length), visits++)
        {
            var first = sorted[f];
            var next = first.Mergeable ? Joint(sorted, maskArray, f, maxAgencies, scratch.Next, scratch.NextLeftOut, scratch.Chosen).Taken : null;
            if (next is null || AllOfAgency(sorted, next, first.Agency)) next = Solo(sorted, maskArray, f, scratch.Next);
            foreach (var i in next) maskArray[i] = true;
        }
        return visits;
    }

    static bool AnyNonMergeable(Item[] sorted, List<int> chosen)
    {
        foreach (var i in chosen)
            if (!sorted[i].Mergeable) return true;
        return false;
    }

    static bool AllOfAgency(Item[] sorted, List<int> chosen, string agency)
    {
        foreach (var i in chosen)
            if (sorted[i].Agency != agency) return false;
        return true;
    }

    /// <summary>The first pending item from <paramref name="from"/> on, among the first <paramref name="length"/>.</summary>
    static int Next(bool[] done, int from, int length)
    {
        for (var i = from; i < length; i++)
            if (!done[i]) return i;
        return -1;
    }
}
