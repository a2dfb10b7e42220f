using System.Buffers.Text;
using System.Text;

namespace Filing.Api.Features;

/// <summary>One page of a list, newest first, and the cursor of the next page (none after the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>Lists page by keyset: a cursor names the last row of a page by its instant and its key, so a
/// page is found by the index whatever its depth, and rows added meanwhile never shift a page.</summary>
static class Paging
{
    public const int DefaultLimit = 50, MaxLimit = 200;

    public static string Cursor(DateTimeOffset at, string key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{at.UtcTicks}|{key}"));

    /// <summary>The page's size and where it starts, or the field errors of <c>limit</c> and <c>cursor</c>.</summary>
    public static Validation Read(string? cursor, int? limit, out (DateTimeOffset At, string Key)? after, out int size)
    {
        var v = new Validation();
        size = limit ?? DefaultLimit;
        v.Require(size is >= 1 and <= MaxLimit, "limit", $"From 1 to {MaxLimit} a page.");
        after = null;
        if (cursor is null) return v;
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('|', 2);
            if (parts.Length == 2 && long.TryParse(parts[0], out var ticks) && ticks > 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks && parts[1].Length is > 0 and <= 100)
                after = (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
        }
        catch (FormatException) { }
        v.Require(after is not null, "cursor", "The next page's cursor as the previous page gave it.");
        return v;
    }

    /// <summary>The page of <paramref name="rows"/> (one more than the size was read, to know whether another follows).</summary>
    public static Page<TOut> Of<TIn, TOut>(List<TIn> rows, int size, Func<TIn, (DateTimeOffset At, string Key)> position, Func<TIn, TOut> map) =>
        new([.. rows.Take(size).Select(map)], rows.Count > size ? Cursor(position(rows[size - 1]).At, position(rows[size - 1]).Key) : null);
}
