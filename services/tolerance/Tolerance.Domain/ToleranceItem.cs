using System.Text.Json.Serialization;
using Tolerance.Contracts;

namespace Tolerance.Domain;

/// <summary>Which list an item comes from; a higher level's item prevails over a lower one's.</summary>
public enum ListSource { Provincial, Municipal, County }

public enum RectificationRule { None, OnTheSpot, WithinDays }

/// <summary>One item of the tolerance list (容错清单): the matter it covers, what it grants, and
/// the conditions under which it applies.
/// What the list grants and when it takes effect must be stated: a missing value is refused, never
/// taken as the first enum value or as "no harm required".</summary>
public sealed record ToleranceItem(
    [property: JsonRequired] string Code,
    [property: JsonRequired] string Title,
    [property: JsonRequired] string MatterCode,
    [property: JsonRequired] ToleranceOutcome Outcome,
    [property: JsonRequired] ListSource Source,
    [property: JsonRequired] string LegalBasis,
    int? FirstViolationWithinMonths,
    int? MaxSeverity,
    [property: JsonRequired] RectificationRule Rectification,
    int? RectificationDays,
    [property: JsonRequired] bool RequiresNoHarm,
    [property: JsonRequired] DateOnly EffectiveFrom,
    DateOnly? EffectiveTo)
{
    public bool InEffectOn(DateOnly day) => EffectiveFrom <= day && (EffectiveTo is null || day <= EffectiveTo);
}

/// <summary>The facts of one finding, as the inspection recorded them.</summary>
public sealed record FindingFacts(
    string CreditCode,
    string MatterCode,
    string AgencyCode,
    DateOnly FoundOn,
    int Severity,
    bool RectifiedOnTheSpot,
    DateOnly? RectificationDeadline,
    bool HarmCaused);

/// <summary>An earlier finding of any agency (the cross-agency first-violation ledger).</summary>
public sealed record EarlierFinding(string CreditCode, string MatterCode, string AgencyCode, DateOnly FoundOn, string Reference);
