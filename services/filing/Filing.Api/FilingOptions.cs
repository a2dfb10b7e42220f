using System.ComponentModel.DataAnnotations;

namespace Filing.Api;

/// <summary>Filing's settings (<c>Filing</c>), read by the filing and the verification features.</summary>
public sealed class FilingOptions : ISettings
{
    public static string Section => "Filing";

    /// <summary>The console's verification page as the public reaches it, up to the code
    /// (<c>https://park.example.gov.cn/console/verify?code=</c>): the address each filing's QR code opens.</summary>
    [Required(ErrorMessage = "{0} is required: the public address QR codes point to, up to the code (https://park.example.gov.cn/console/verify?code=).")]
    [HttpAddress]
    public string? VerificationPage { get; set; }

    /// <summary>A filing over an enterprise's yearly cap is accepted with an alert to the office instead of refused.</summary>
    public bool AcceptOverCapWithAlert { get; set; }

    /// <summary>How long after an emergency's expected end its agency may still record the real end; past
    /// it, the written filing is due as if the inspection ended when expected (no end, no loophole).</summary>
    [Duration]
    public TimeSpan EndGracePeriod { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Anonymous verifications per minute from one address.</summary>
    [Range(1, int.MaxValue)]
    public int VerificationsPerMinute { get; set; } = 30;
}
