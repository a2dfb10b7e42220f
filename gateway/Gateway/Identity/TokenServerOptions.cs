using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;

namespace Gateway.Identity;

/// <summary>How the token server signs (<c>Identity</c>, beside what every process checks in a token,
/// <see cref="TokenValidationOptions"/>).</summary>
public sealed class TokenServerOptions : ISettings, IValidatableObject
{
    public static string Section => "Identity";

    /// <summary>The RSA private key in PEM that signs every token, the same for all gateway replicas
    /// (through a secret). Required outside Development: a replica that made up its own would sign tokens
    /// the others refuse. In Development a single gateway makes one up at start.</summary>
    public string? SigningKeyPem { get; set; }

    /// <summary>The key that signed until the last rotation (RSA private key in PEM): no longer used to
    /// sign, still published in the key set and accepted, so tokens issued before the rotation stay valid
    /// until they expire. Leave it out once they have (<see cref="AccessTokenLifetime"/> after rotating).</summary>
    public string? PreviousSigningKeyPem { get; set; }

    /// <summary>Short: a disabled user, or one whose password was reset, keeps at most this long the
    /// access token already in hand (its refresh token is revoked at once).</summary>
    [Duration]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a console sign-in lasts, however often its access token is refreshed; then the
    /// user signs in again.</summary>
    [Duration]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (name, pem) in new[] { (nameof(SigningKeyPem), SigningKeyPem), (nameof(PreviousSigningKeyPem), PreviousSigningKeyPem) })
            if (Unreadable(pem) is { } error)
                yield return new ValidationResult($"{Settings.Key<TokenServerOptions>(name)} is not an RSA private key in PEM: {error}");
        if (string.IsNullOrWhiteSpace(SigningKeyPem) && !string.IsNullOrWhiteSpace(PreviousSigningKeyPem))
            yield return new ValidationResult($"{Settings.Key<TokenServerOptions>(nameof(SigningKeyPem))} is required beside {Settings.Key<TokenServerOptions>(nameof(PreviousSigningKeyPem))}: the key that signs now.");
    }

    static string? Unreadable(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem)) return null;
        using var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            rsa.ExportParameters(includePrivateParameters: true);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return e.Message;
        }
    }
}
