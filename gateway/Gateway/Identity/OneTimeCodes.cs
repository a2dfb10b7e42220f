using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Identity;

/// <summary>Issues and spends one-time codes. A code is 20 characters of an alphabet without the look-alikes
/// (0/O, 1/I), in groups of four for a letter or an SMS: 100 random bits, so no one guesses one, and the
/// database keeps only its SHA-256 hash. Typed with or without the dashes, in any case.</summary>
public sealed class OneTimeCodes(GatewayDb db, TimeProvider clock)
{
    const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    const int Length = 20;

    /// <summary>A new code for <paramref name="purpose"/>, staged in the caller's unit of work; older unused
    /// codes of the same purpose and holder stop working. The plain code is returned once, never stored.</summary>
    public async Task<(string Code, OneTimeCode Row)> IssueAsync(CodePurpose purpose, string issuedBy, TimeSpan lifetime, CancellationToken ct,
        string? userName = null, string? creditCode = null)
    {
        var now = clock.GetUtcNow();
        var older = await db.Codes.Where(c => c.Purpose == purpose && c.UserName == userName && c.CreditCode == creditCode && c.UsedAt == null && c.ExpiresAt > now)
            .ToListAsync(ct);
        foreach (var code in older) code.ExpiresAt = now;
        var plain = New();
        var row = new OneTimeCode
        {
            Id = Guid.CreateVersion7(), Purpose = purpose, Hash = Hash(plain), UserName = userName, CreditCode = creditCode,
            IssuedBy = issuedBy, IssuedAt = now, ExpiresAt = now + lifetime,
        };
        db.Codes.Add(row);
        return (plain, row);
    }

    /// <summary>The unused, unexpired code of <paramref name="purpose"/> that <paramref name="code"/> is,
    /// marked used by <paramref name="usedBy"/> in the caller's unit of work (the caller's save fails if
    /// another use came first); otherwise the answer: 422 naming <paramref name="field"/> when no such
    /// code is valid, 409 when it has been used.</summary>
    public async Task<(OneTimeCode? Code, ProblemHttpResult? Refusal)> SpendAsync(CodePurpose purpose, string field, string code, string usedBy,
        Func<OneTimeCode, bool> belongs, CancellationToken ct)
    {
        var hash = Hash(code);
        var row = await db.Codes.FirstOrDefaultAsync(c => c.Hash == hash && c.Purpose == purpose, ct);
        var now = clock.GetUtcNow();
        if (row is null || !belongs(row))
            return (null, Problems.Unprocessable("The code is not valid.", new Dictionary<string, string[]> { [field] = ["No such code was issued; check what you typed."] }));
        if (row.UsedAt is not null) return (null, Used);
        if (row.ExpiresAt <= now)
            return (null, Problems.Unprocessable("The code is not valid.", new Dictionary<string, string[]> { [field] = ["The code has expired; ask for a new one."] }));
        (row.UsedAt, row.UsedBy) = (now, usedBy);
        return (row, null);
    }

    /// <summary>The answer to a code that has been used, also when two uses came at once.</summary>
    public static ProblemHttpResult Used => Problems.Conflict("The code has been used.", "A one-time code works once; ask for a new one.");

    /// <summary>Whether a code has the shape of one: checked at the edge, before anything is looked up.</summary>
    public static bool IsWellFormed(string? code) => code is { Length: <= 40 } && Normalize(code) is { Length: Length } n && n.All(Alphabet.Contains);

    static string New()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, Length);
        return string.Join('-', Enumerable.Range(0, Length / 4).Select(i => new string(chars, i * 4, 4)));
    }

    static string Normalize(string code) => new([.. code.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]);

    static string Hash(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(Normalize(code))));
}
