using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using ServiceDefaults;

namespace Gateway.Identity;

/// <summary>How the token server signs (<c>Identity</c>, beside what every process checks in a token,
/// <see cref="TokenValidationOptions"/>).</summary>
public sealed class TokenServerOptions : ISettings, IValidatableObject
{
    public static string Section => "Identity";

    /// <summary>An RSA private key in PEM, shared by all gateway replicas through a secret; without it a
    /// single local gateway makes one up at start.</summary>
    public string? SigningKeyPem { get; set; }

    [Duration]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(SigningKeyPem)) yield break;
        using var rsa = RSA.Create();
        string? error = null;
        try
        {
            rsa.ImportFromPem(SigningKeyPem);
            rsa.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            error = e.Message;
        }
        if (error is not null) yield return new ValidationResult($"{Settings.Key<TokenServerOptions>(nameof(SigningKeyPem))} is not an RSA private key in PEM: {error}");
    }
}
