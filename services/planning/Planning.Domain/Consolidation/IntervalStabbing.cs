namespace Planning.Domain.Consolidation;

/// <summary>Intervals of day ranks, both ends included. The greedy by earliest end is optimal for
/// stabbing them, and the largest set of pairwise-disjoint intervals (found by the same sweep) is a
/// lower bound equal to it: together they prove a plan minimal.</summary>
public static class IntervalStabbing
{
    public static int MaxDisjoint(IEnumerable<(int Lo, int Hi)> intervals) => MaxDisjoint(intervals.ToArray());

    /// <summary>Sorts <paramref name="intervals"/> in place. The count does not depend on how equal
    /// ends are ordered: the greedy's count is the optimum either way.</summary>
    public static int MaxDisjoint(Span<(int Lo, int Hi)> intervals)
    {
        intervals.Sort((a, b) => a.Hi.CompareTo(b.Hi));
        var count = 0;
        var lastEnd = int.MinValue;
        foreach (var (lo, hi) in intervals)
        {
            if (lo > lastEnd)
            {
                count++;
                lastEnd = hi;
            }
        }
        return count;
    }
}
