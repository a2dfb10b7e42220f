using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Planning.Api.Features.Drawing;
using Xunit;

namespace Planning.Tests;

/// <summary>A county rotates its draw key without losing a quarter: commitments made under the old key keep
/// their secrets while it is kept among the retired keys, new ones take the new key, and a key that is no
/// longer held yields no secret rather than a wrong one.</summary>
public sealed class Draw_keys_rotate
{
    static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    static DrawKeys Keys(string key, params string[] retired) => new(Options.Create(new DrawOptions { Key = key, RetiredKeys = [.. retired] }));

    [Fact]
    public void A_quarter_committed_under_the_old_key_keeps_its_secret_after_a_rotation()
    {
        var (old, @new) = (NewKey(), NewKey());
        var before = Keys(old);
        var after = Keys(@new, old);

        Assert.NotEqual(before.Current, after.Current);
        Assert.Equal(before.SecretOf("2026-Q4"), after.SecretOf(before.Current, "2026-Q4"));
        Assert.Equal(after.SecretOf("2027-Q1"), after.SecretOf(after.Current, "2027-Q1"));
        Assert.NotEqual(before.SecretOf("2027-Q1"), after.SecretOf("2027-Q1"));
        Assert.NotEqual(after.SecretOf("2026-Q4"), after.SecretOf("2027-Q1"));
        Assert.Null(Keys(@new).SecretOf(before.Current, "2026-Q4"));
    }

    [Fact]
    public void A_key_id_tells_keys_apart_and_is_not_the_key()
    {
        var key = NewKey();
        Assert.Equal(Keys(key).Current, Keys(key).Current);
        Assert.Equal(16, Keys(key).Current.Length);
        Assert.DoesNotContain(Keys(key).Current, key, StringComparison.Ordinal);
    }
}
