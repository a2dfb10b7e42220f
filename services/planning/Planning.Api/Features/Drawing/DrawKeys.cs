using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Planning.Api.Features.Drawing;

/// <summary>The county's draw key (<c>Draws</c>), from a secret only planning reads: each quarter's draw
/// secret is derived from it, so the secrets are in no database, no backup and no dump. Whoever reads
/// planning's database sees the commitments and not what they commit to.</summary>
public sealed class DrawOptions : ISettings, IValidatableObject
{
    public static string Section => "Draws";

    /// <summary>32 random bytes or more, as hex (<c>openssl rand -hex 32</c>): secret <c>planning-draw-key</c>.</summary>
    [Required(ErrorMessage = "{0} is required: the county's draw key, 64 hex digits (openssl rand -hex 32, secret planning-draw-key), from which each quarter's draw secret is derived.")]
    public string? Key { get; set; }

    /// <summary>Keys used before a rotation, kept for the quarters committed under them (their draws, and
    /// their secrets once revealed). Drop one when its last quarter is over and revealed to the public's
    /// satisfaction: its secrets cannot be shown any more.</summary>
    public List<string> RetiredKeys { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, key) in RetiredKeys.Select((k, i) => ($"{nameof(RetiredKeys)}:{i}", (string?)k)).Prepend((nameof(Key), Key)))
            if (key is not null && !DrawKeys.IsWellFormed(key))
                yield return new ValidationResult($"{Section}:{name} must be at least 64 hex digits (32 random bytes).");
    }
}

/// <summary>A quarter's secret is HMAC-SHA256(key, quarter) as lower-case hex; its commitment, published
/// before any draw, is the SHA-256 of that text (<see cref="DrawCommitments"/>). A commitment records which
/// key it was made under by the key's id, never the key.</summary>
public sealed class DrawKeys(IOptions<DrawOptions> options)
{
    readonly Dictionary<string, byte[]> _keys = options.Value.RetiredKeys.Prepend(options.Value.Key!)
        .Select(Convert.FromHexString).DistinctBy(Id).ToDictionary(Id);

    /// <summary>The id of the key in use for new commitments.</summary>
    public string Current { get; } = Id(Convert.FromHexString(options.Value.Key!));

    public string SecretOf(string period) => Derive(_keys[Current], period);

    /// <summary>The secret of a commitment, or null if its key is no longer held (retired and dropped).</summary>
    public string? SecretOf(string keyId, string period) => _keys.TryGetValue(keyId, out var key) ? Derive(key, period) : null;

    public static bool IsWellFormed(string key) => key.Length >= 64 && key.Length % 2 == 0 && key.All(Uri.IsHexDigit);

    /// <summary>A key's id: the first 16 hex digits of SHA-256 over a fixed label and the key. It tells
    /// keys apart and says nothing of them.</summary>
    static string Id(byte[] key) => Convert.ToHexStringLower(SHA256.HashData([.. "park-draw-key\n"u8, .. key]))[..16];

    static string Derive(byte[] key, string period) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(period)));
}
