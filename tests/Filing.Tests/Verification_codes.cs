using Filing.Domain;
using Xunit;

namespace Filing.Tests;

public sealed class Verification_codes
{
    const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    [Fact]
    public void A_million_codes_never_collide()
    {
        var seen = new HashSet<string>(1_000_000);
        for (var i = 0; i < 1_000_000; i++) Assert.True(seen.Add(VerificationCode.New()));
    }

    [Fact]
    public void Every_single_mistyped_character_is_caught()
    {
        for (var n = 0; n < 300; n++)
        {
            var code = VerificationCode.Normalize(VerificationCode.New())!;
            for (var position = 0; position < code.Length; position++)
                foreach (var wrong in Alphabet.Where(c => c != code[position]))
                    Assert.Null(VerificationCode.Normalize(code[..position] + wrong + code[(position + 1)..]));
        }
    }

    [Fact]
    public void What_people_type_is_read_kindly()
    {
        var code = VerificationCode.New();
        var canonical = VerificationCode.Normalize(code)!;
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]$", code);
        Assert.Equal(canonical, VerificationCode.Normalize(code.ToLowerInvariant().Replace("-", " ")));
        Assert.Equal(canonical, VerificationCode.Normalize(new string(code.Select(c => c is >= '0' and <= 'Z' ? (char)(c + 0xFEE0) : c).ToArray())));
        Assert.Equal(canonical, VerificationCode.Normalize(code.Replace('0', 'O').Replace('1', 'l')));
        Assert.Null(VerificationCode.Normalize(code[..^2]));
        Assert.Null(VerificationCode.Normalize("' OR 1=1 --"));
    }
}
