namespace ServiceDefaults;

/// <summary>The unified social credit code (统一社会信用代码) of GB 32100-2015, checked by every service
/// at its edge: 18 characters
/// from a 31-character alphabet (no I, O, S, V, Z); the last is a check character over the
/// first 17 with weights 3^i mod 31.</summary>
public static class CreditCode
{
    public const int Length = 18;
    const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Null when <paramref name="code"/> is a valid code as stored (capitals, half-width);
    /// otherwise why not, in words an office clerk can act on.</summary>
    public static string? Validate(string? code)
    {
        if (string.IsNullOrEmpty(code)) return "The credit code is required.";
        if (code.Length != Length) return $"A credit code has {Length} characters; this one has {code.Length}.";
        if (code.Any(c => c is >= '\uFF01' and <= '\uFF5E')) return "The credit code contains full-width characters; type it with half-width letters and digits.";
        if (code.Any(char.IsLower)) return "The credit code must be written in capital letters.";
        for (var i = 0; i < Length; i++)
        {
            if (Alphabet.IndexOf(code[i]) < 0)
                return $"Character {i + 1} ('{code[i]}') is not allowed in a credit code (letters I, O, S, V and Z are never used).";
        }
        if (!code[2..8].All(char.IsAsciiDigit)) return "Characters 3 to 8 (the administrative division code) must be digits.";
        var expected = CheckCharacter(code.AsSpan(0, Length - 1));
        return code[^1] == expected ? null : $"The check character is wrong: the first 17 characters give '{expected}', not '{code[^1]}'.";
    }

    public static bool IsValid(string? code) => Validate(code) is null;

    /// <summary>What people type at a factory gate: lower case and full-width forms, spaces.</summary>
    public static string Normalize(string input)
    {
        var chars = input.Trim().Where(c => !char.IsWhiteSpace(c))
            .Select(c => c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c)
            .Select(char.ToUpperInvariant);
        return new string(chars.ToArray());
    }

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1) throw new ArgumentException("Seventeen characters are needed.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0) throw new ArgumentException($"'{first17[i]}' is not in the credit-code alphabet.", nameof(first17));
            sum += value * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }
}
