using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ServiceDefaults;

namespace TestInfrastructure;

/// <summary>Signs tokens the way the gateway's token server does, with a key the services under test
/// are told to trust through <c>Identity:SigningKeys</c>.</summary>
public static class TestIdentity
{
    public const string Issuer = "https://identity.park.test/";
    public const string Audience = "park-api";
    /// <summary>The type the token server gives its access tokens (RFC 9068), the only one services accept.</summary>
    public const string AccessTokenType = "at+jwt";

    static readonly RSA Rsa = RSA.Create(2048);
    static readonly RsaSecurityKey SigningKey = new(Rsa) { KeyId = "test-signing-key" };

    public static string Jwks { get; } = JsonSerializer.Serialize(new
    {
        keys = new[]
        {
            new { kty = "RSA", use = "sig", alg = "RS256", kid = SigningKey.KeyId, n = Base64UrlEncoder.Encode(Rsa.ExportParameters(false).Modulus), e = Base64UrlEncoder.Encode(Rsa.ExportParameters(false).Exponent) },
        },
    });

    /// <summary>The private key, for a gateway that must accept (and could issue) the tests' tokens
    /// (<c>Identity:SigningKeyPem</c> with <c>Identity:Issuer</c> = <see cref="Issuer"/>).</summary>
    public static string SigningKeyPem { get; } = Rsa.ExportRSAPrivateKeyPem();

    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Identity:Issuer"] = Issuer,
        ["Identity:Audience"] = Audience,
        ["Identity:SigningKeys"] = Jwks,
    };

    /// <summary>A token signed with the test key. It lives a day unless told otherwise: tests hold tokens
    /// across a whole class or stream, and a slow machine must not outlive them.</summary>
    public static string Token(string role, IReadOnlyDictionary<string, object>? claims = null, TimeSpan? lifetime = null, string audience = Audience, string subject = "test-user",
        string type = AccessTokenType, string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var all = new Dictionary<string, object>(claims ?? new Dictionary<string, object>())
        {
            [ClaimNames.Role] = role,
            [ClaimNames.Subject] = subject,
            [ClaimNames.ClientId] = "test-client",
        };
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience,
            Claims = all,
            IssuedAt = now,
            NotBefore = now.AddMinutes(-1),
            Expires = now + (lifetime ?? TimeSpan.FromDays(1)),
            TokenType = type,
            SigningCredentials = new SigningCredentials(SigningKey, algorithm),
        });
    }

    public static string Office(string subject = "office-clerk") => Token(Roles.Office, subject: subject);
    public static string Agency(string agencyCode) => Token(Roles.Agency, new Dictionary<string, object> { [ClaimNames.AgencyCode] = agencyCode }, subject: $"agency-{agencyCode}");
    public static string Leader(string subject = "county-leader") => Token(Roles.Leader, subject: subject);
    public static string Discipline(string subject = "task-force") => Token(Roles.Discipline, subject: subject);
    public static string Enterprise(string creditCode) => Token(Roles.Enterprise, new Dictionary<string, object> { [ClaimNames.CreditCode] = creditCode }, subject: $"enterprise-{creditCode}");

    /// <summary>A caller as tests write it — "office", "leader", "discipline", "agency:YJ",
    /// "enterprise:{credit code}" — and its token.</summary>
    public static string For(string caller)
    {
        var claims = ClaimsOf(caller);
        return Token((string)claims[ClaimNames.Role], claims, subject: (string)claims[ClaimNames.Subject]);
    }

    /// <summary>The claims of <see cref="For"/>'s token, for a token signed with another key (a gateway's).</summary>
    public static Dictionary<string, object> ClaimsOf(string caller)
    {
        var (role, scope) = caller.Split(':') switch
        {
            [Roles.Office or Roles.Leader or Roles.Discipline] => (caller, default(KeyValuePair<string, object>?)),
            [Roles.Agency, var code] => (Roles.Agency, new KeyValuePair<string, object>(ClaimNames.AgencyCode, code)),
            [Roles.Enterprise, var code] => (Roles.Enterprise, new KeyValuePair<string, object>(ClaimNames.CreditCode, code)),
            _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "office, leader, discipline, agency:CODE or enterprise:CODE"),
        };
        var claims = new Dictionary<string, object> { [ClaimNames.Role] = role, [ClaimNames.Subject] = SubjectOf(caller), [ClaimNames.ClientId] = "test-client" };
        if (scope is { } claim) claims[claim.Key] = claim.Value;
        return claims;
    }

    /// <summary>The subject the token of <see cref="For"/> carries.</summary>
    public static string SubjectOf(string caller) => caller.Split(':') switch
    {
        ["office"] => "office-clerk",
        ["leader"] => "county-leader",
        ["discipline"] => "task-force",
        [var role, var code] => $"{role}-{code}",
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "office, leader, discipline, agency:CODE or enterprise:CODE"),
    };
}
