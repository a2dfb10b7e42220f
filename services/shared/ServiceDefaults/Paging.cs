namespace ServiceDefaults;

/// <summary>A page of a list: <see cref="Next"/> is what the caller sends as <c>after</c> for the page
/// that follows, null on the last page. Every list of every service answers this way: keyset paging in
/// a stable order (newest first unless the list says otherwise), never a silent cap.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

public static class Paging
{
    public const int DefaultLimit = 50, MaxLimit = 200;

    /// <summary>The page size asked for, 1 to <see cref="MaxLimit"/>, <see cref="DefaultLimit"/> when not given.</summary>
    public static int Limit(this Validation v, int? limit)
    {
        v.Require(limit is null or >= 1 and <= MaxLimit, "limit", $"Between 1 and {MaxLimit} items a page.");
        return limit ?? DefaultLimit;
    }

    /// <summary>Where the page starts: the <c>next</c> of the page before, a key of the list (at most
    /// <paramref name="max"/> characters).</summary>
    public static Validation After(this Validation v, string? after, int max = 64) => v.OptionalCode("after", after, max);

    /// <summary>Where the page starts when a list's key is an id: the id, or null (and a field error when
    /// <paramref name="after"/> is given but is no id).</summary>
    public static Guid? AfterId(this Validation v, string? after)
    {
        if (Guid.TryParse(after, out var id)) return id;
        if (after is not null) v.Add("after", UnknownAfterMessage);
        return null;
    }

    public const string UnknownAfterMessage = "Not an item of this list: send the next value of the page before.";

    /// <summary>The answer to an <c>after</c> that names nothing in the caller's list.</summary>
    public static IDictionary<string, string[]> UnknownAfter => new Dictionary<string, string[]> { ["after"] = [UnknownAfterMessage] };
}
