using System.Security.Cryptography;

namespace Filing.Domain;

/// <summary>
/// The code an enterprise types at the gate to check a filing: 12 random characters (60 bits:
/// unguessable, and within the rate limit no one can try enough of them) from Crockford's base-32
/// alphabet, which has no I, L, O or U to misread, plus a Luhn mod 32 check character that catches
/// every single mistyped character. Shown in groups of four: <c>K7QM-3XRD-9WTA-P</c>.
/// </summary>
public static class VerificationCode
{
    const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    const int DataLength = 12;

    public static string New()
    {
        Span<byte> random = stackalloc byte[DataLength];
        RandomNumberGenerator.Fill(random);
        var data = new char[DataLength];
        for (var i = 0; i < DataLength; i++) data[i] = Alphabet[random[i] & 31];
        var code = new string(data) + Check(data);
        return Format(code);
    }

    /// <summary>The canonical form (13 characters, no separators) of what someone typed, or null when
    /// it cannot be a code: wrong length, a character outside the alphabet, or a wrong check.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40) return null;
        var chars = new List<char>(DataLength + 1);
        foreach (var raw in typed)
        {
            if (raw is '-' or ' ' or '\u3000') continue;
            var c = raw is >= '\uFF01' and <= '\uFF5E' ? (char)(raw - 0xFEE0) : raw;
            c = char.ToUpperInvariant(c) switch { 'O' => '0', 'I' or 'L' => '1', var x => x };
            if (Alphabet.IndexOf(c) < 0) return null;
            chars.Add(c);
        }
        if (chars.Count != DataLength + 1) return null;
        return Check(chars.Take(DataLength).ToArray()) == chars[^1] ? new string([.. chars]) : null;
    }

    public static string Format(string canonical) =>
        string.Join('-', Enumerable.Range(0, (canonical.Length + 3) / 4).Select(i => canonical.Substring(i * 4, Math.Min(4, canonical.Length - i * 4))));

    /// <summary>Luhn mod N over the alphabet: every single substitution changes the check.</summary>
    static char Check(IReadOnlyList<char> data)
    {
        const int n = 32;
        var sum = 0;
        var factor = 2;
        for (var i = data.Count - 1; i >= 0; i--)
        {
            var addend = factor * Alphabet.IndexOf(data[i]);
            factor = factor == 2 ? 1 : 2;
            sum += addend / n + addend % n;
        }
        return Alphabet[(n - sum % n) % n];
    }
}
