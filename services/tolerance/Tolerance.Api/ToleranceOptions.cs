using System.ComponentModel.DataAnnotations;

namespace Tolerance.Api;

/// <summary>The tolerance procedure's settings (<c>Tolerance</c>).</summary>
public sealed class ToleranceOptions : ISettings
{
    public static string Section => "Tolerance";

    /// <summary>Working days the enterprise has to state its case (陈述申辩) on a proposed decision,
    /// counted from the day after it was told.</summary>
    [Range(1, 30, ErrorMessage = "{0} is 1 to 30 working days.")]
    public int StatementWorkingDays { get; set; } = 3;
}
