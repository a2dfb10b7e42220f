using System.ComponentModel.DataAnnotations;

namespace Supervision.Api;

/// <summary>Supervision's settings (<c>Supervision</c>), read by the rankings, the indicators and the
/// retaliation watch.</summary>
public sealed class SupervisionOptions : ISettings
{
    public static string Section => "Supervision";

    /// <summary>An agency with fewer ratings in a period is listed but not ranked.</summary>
    [Range(1, int.MaxValue)]
    public int RankingMinimumSample { get; set; } = Ranking.DefaultMinimumSample;

    /// <summary>k: ratings reach an agency per quarter in groups of this many, never fewer (see <see cref="RatingRelease"/>).</summary>
    [Range(2, 100)]
    public int RatingAnonymityThreshold { get; set; } = RatingRelease.DefaultThreshold;

    /// <summary>How often the reform indicators' gauges are recomputed.</summary>
    [Duration]
    public TimeSpan IndicatorsEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after an enterprise's card an agency's new filing or penalty there is flagged.</summary>
    [Range(1, 120)]
    public int RetaliationWatchMonths { get; set; } = 6;

    /// <summary>Calendar days a registered case may wait for the office to send it for sign-off (送签)
    /// before it is flagged like an overdue one.</summary>
    [Range(1, 60)]
    public int SignOffWithinDays { get; set; } = 3;

    /// <summary>Calendar days a case sent for sign-off may wait for the leader's instruction (批示)
    /// before it is flagged like an overdue one.</summary>
    [Range(1, 60)]
    public int InstructionWithinDays { get; set; } = 5;

    /// <summary>The TrueType font (or collection) PDFs are set in; empty: Debian's fonts-wqy-zenhei where it is installed.</summary>
    public string? PdfFontFile { get; set; }

    public WaitingLimits Waiting => new(SignOffWithinDays, InstructionWithinDays);
}
