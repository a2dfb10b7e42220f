namespace Planning.Api.Data;

/// <summary>An enforcement agency (执法单位) of the county.</summary>
public sealed class Agency
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    /// <summary>Inspection teams it can send out on one day: a consolidation limit.</summary>
    public int TeamsPerDay { get; set; } = 2;
    /// <summary>Visits it may make to one enterprise in a year: a consolidation limit.</summary>
    public int YearlyVisitCapPerEnterprise { get; set; } = 4;
    /// <summary>Inspectors with their enforcement certificates (执法证) and the days each is valid: the
    /// roster random draws pick from and filings are checked against.</summary>
    public List<CertifiedInspector> Inspectors { get; set; } = [];
    /// <summary>Orders the changes published as <see cref="AgencyChanged"/>; 0 until first published.</summary>
    public int Revision { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public required string ChangedBy { get; set; }

    /// <summary>The inspectors whose certificate is valid on <paramref name="day"/>: nobody is drawn who may not inspect.</summary>
    public List<Planning.Domain.Inspector> CertifiedOn(DateOnly day) =>
        Inspectors.Where(i => i.ValidFrom <= day && day <= i.ValidUntil).Select(i => new Planning.Domain.Inspector(i.CertificateNo, i.Name)).ToList();

    /// <summary>The agency as it stands now, with the next revision: the caller stages it in the outbox.</summary>
    public AgencyChanged Changed(DateTimeOffset now)
    {
        Revision++;
        ChangedAt = now;
        return Event();
    }

    public AgencyChanged Event() => new(Code, Revision, Name, [.. Inspectors], ChangedAt);
}
