using MassTransit;
using Planning.Contracts;
using ReadModels;

namespace Filing.Api.Consumers;

/// <summary>Visits of published plans: what agencies file against.</summary>
public sealed class JointInspectionScheduledConsumer(FilingDb db, TimeProvider clock, ILogger<JointInspectionScheduledConsumer> logger)
    : IdempotentConsumer<JointInspectionScheduled, FilingDb>(db, clock, logger)
{
    protected override async Task Handle(JointInspectionScheduled m, ConsumeContext<JointInspectionScheduled> context, CancellationToken cancellationToken)
    {
        ServiceDefaults.Telemetry.TagInspection(m.JointId);
        // A cancellation heard before the visit itself stays.
        var cancelled = await Db.Visits.AsNoTracking().Where(v => v.JointId == m.JointId).Select(v => new { v.CancelledAt, v.CancellationReason }).FirstOrDefaultAsync(cancellationToken);
        await Db.Visits.KeepAsync(m.JointId, new ScheduledVisit
        {
            JointId = m.JointId, Period = m.Period, CreditCode = m.CreditCode, EnterpriseName = m.EnterpriseName, Day = m.Day,
            WindowFrom = m.WindowFrom, WindowTo = m.WindowTo, Solo = m.Solo, LeadAgency = m.LeadAgency, Agencies = [.. m.Agencies], Matters = [.. m.Matters],
            CancelledAt = cancelled?.CancelledAt, CancellationReason = cancelled?.CancellationReason,
        }, cancellationToken);
    }
}

/// <summary>The working calendar of the deadline clock; a newer version replaces an older one.</summary>
public sealed class WorkingCalendarChangedConsumer(FilingDb db, TimeProvider clock, ILogger<WorkingCalendarChangedConsumer> logger)
    : IdempotentConsumer<WorkingCalendarChanged, FilingDb>(db, clock, logger)
{
    protected override async Task Handle(WorkingCalendarChanged m, ConsumeContext<WorkingCalendarChanged> context, CancellationToken cancellationToken)
    {
        await Db.Calendar.KeepAsync(m.Year, new CalendarYear { Year = m.Year, Version = m.CalendarVersion, Holidays = [.. m.Holidays], MakeUpWorkdays = [.. m.MakeUpWorkdays] },
            held => held.Version < m.CalendarVersion, cancellationToken);
        // Deadlines that waited for this year's calendar are counted now (they may wait for the next one still),
        // in the same transaction, with the year as just kept.
        var waiting = await Db.Emergencies.Where(e => e.CalendarMissingFor == m.Year && e.BackfilledAt == null && e.WithdrawnAt == null).ToListAsync(cancellationToken);
        if (waiting.Count == 0) return;
        var years = (await Db.Calendar.AsNoTracking().Where(y => y.Year != m.Year).ToListAsync(cancellationToken)).Append(Db.Calendar.Local.Single(y => y.Year == m.Year)).ToList();
        var clock = new WorkingDayClock(years.SelectMany(y => y.Holidays), years.SelectMany(y => y.MakeUpWorkdays), years.Select(y => y.Year));
        foreach (var e in waiting) Features.Emergency.EmergencyPreFilings.SetDeadline(e, e.DeadlineCountsFrom!.Value, clock);
    }
}

/// <summary>The matters an unplanned filing may name; the latest version wins.</summary>
public sealed class MatterCatalogChangedConsumer(FilingDb db, TimeProvider clock, ILogger<MatterCatalogChangedConsumer> logger)
    : IdempotentConsumer<MatterCatalogChanged, FilingDb>(db, clock, logger)
{
    protected override Task Handle(MatterCatalogChanged m, ConsumeContext<MatterCatalogChanged> context, CancellationToken cancellationToken) =>
        Db.Matters.KeepAsync(m.MatterCode, new MatterView
        {
            Code = m.MatterCode, Version = m.MatterVersion, AgencyCode = m.AgencyCode, Name = m.Name, Mergeable = m.Mergeable, YearlyCapPerEnterprise = m.YearlyCapPerEnterprise,
        }, held => held.Version < m.MatterVersion, cancellationToken);
}

/// <summary>The agencies and their rosters of certified inspectors, which every filing's inspectors are
/// checked against; a higher revision replaces a lower one, whatever order they arrive in.</summary>
public sealed class AgencyChangedConsumer(FilingDb db, TimeProvider clock, ILogger<AgencyChangedConsumer> logger)
    : IdempotentConsumer<AgencyChanged, FilingDb>(db, clock, logger)
{
    protected override Task Handle(AgencyChanged m, ConsumeContext<AgencyChanged> context, CancellationToken cancellationToken) =>
        Db.Rosters.KeepAsync(m.AgencyCode, new AgencyRoster { AgencyCode = m.AgencyCode, Revision = m.Revision, Name = m.Name, Inspectors = [.. m.Inspectors] },
            held => held.Revision < m.Revision, cancellationToken);
}
