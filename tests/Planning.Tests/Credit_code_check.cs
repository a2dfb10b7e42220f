using ServiceDefaults;
using Planning.Domain;
using Xunit;

namespace Planning.Tests;

public sealed class Credit_code_check
{
    [Theory]
    [InlineData("91330100716105852F")]
    [InlineData("914403001922038216")]
    [InlineData("9144030071526726XG")]
    [InlineData("91110000802100433B")]
    public void A_published_code_of_a_real_enterprise_is_valid(string code) => Assert.Null(CreditCode.Validate(code));

    [Theory]
    [InlineData("91330100716105852G", "check character")]
    [InlineData("91330100716105852", "18 characters")]
    [InlineData("91330100716105852FF", "18 characters")]
    [InlineData("", "required")]
    [InlineData("91330100716105852f", "capital letters")]
    [InlineData("９１３３０１００７１６１０５８５２Ｆ", "full-width")]
    [InlineData("9133010071610585IF", "not allowed")]
    [InlineData("91AB0100716105852F", "administrative division")]
    public void An_invalid_code_is_rejected_with_the_reason(string code, string reason)
    {
        var error = CreditCode.Validate(code);
        Assert.NotNull(error);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Every_single_character_typo_is_caught()
    {
        const string code = "91330100716105852F";
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (var position = 0; position < code.Length; position++)
        {
            foreach (var replacement in alphabet.Where(c => c != code[position]))
            {
                var typo = code[..position] + replacement + code[(position + 1)..];
                Assert.NotNull(CreditCode.Validate(typo));
            }
        }
    }

    [Fact]
    public void What_people_type_at_the_gate_is_normalized_to_the_stored_form() =>
        Assert.Equal("91330100716105852F", CreditCode.Normalize(" ９１３３０１００７１６１０５８５２ｆ "));
}
