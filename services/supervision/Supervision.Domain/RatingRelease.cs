namespace Supervision.Domain;

/// <summary>Which ratings an agency may read, so that no comparison of what it reads points at one
/// rating. Ratings are released per quarter (fixed, non-overlapping) and per agency, in groups of k in
/// the order they were given: a quarter holding fewer than k shows nothing, one holding 2k−1 shows k,
/// and a rating given late (for an inspection of a past quarter) waits until k−1 more join it. A year is
/// the sum of its quarters' released ratings and nothing else. So any two answers, for any periods, at
/// any two moments, differ by whole groups of at least k ratings: subtracting a quarter from the year,
/// or yesterday's answer from today's, never isolates a rating or its comment.</summary>
public static class RatingRelease
{
    public const int DefaultThreshold = 3;

    /// <summary>The quarter (1–4) a day falls in.</summary>
    public static int QuarterOf(DateOnly day) => (day.Month + 2) / 3;

    /// <summary>The released part of one agency's ratings of one quarter, given in the order they were
    /// given: the longest prefix whose length is a multiple of <paramref name="threshold"/>.</summary>
    public static IReadOnlyList<T> Released<T>(IReadOnlyList<T> inOrderGiven, int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        return [.. inOrderGiven.Take(inOrderGiven.Count / threshold * threshold)];
    }

    /// <summary>The released ratings of every (agency, quarter) cell: each rating is keyed by the day its
    /// inspection was completed and ordered by when it was given.</summary>
    public static IReadOnlyList<T> ReleasedByQuarter<T>(IEnumerable<T> ratings, Func<T, DateOnly> completedOn, Func<T, DateTimeOffset> givenAt,
        Func<T, Guid> id, int threshold) =>
        [.. ratings.GroupBy(r => (completedOn(r).Year, QuarterOf(completedOn(r))))
            .SelectMany(q => Released([.. q.OrderBy(givenAt).ThenBy(id)], threshold))];
}
