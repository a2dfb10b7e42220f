using Filing.Api.Data;
using MassTransit;
using Messaging;
using Planning.Contracts;

namespace Filing.Api.Consumers;

/// <summary>Visits of published plans: what agencies file against.</summary>
public sealed class JointInspectionScheduledConsumer(FilingDb db, TimeProvider clock, ILogger<JointInspectionScheduledConsumer> logger)
    : IdempotentConsumer<JointInspectionScheduled, FilingDb>(db, clock, logger)
{
    protected override async Task Handle(JointInspectionScheduled m, ConsumeContext<JointInspectionScheduled> context, CancellationToken cancellationToken)
    {
        ServiceDefaults.Telemetry.TagInspection(m.JointId);
        var visit = await Db.Visits.FindAsync([m.JointId], cancellationToken);
        if (visit is null)
        {
            Db.Visits.Add(visit = new ScheduledVisit { JointId = m.JointId, Period = m.Period, CreditCode = m.CreditCode, EnterpriseName = m.EnterpriseName, LeadAgency = m.LeadAgency });
        }
        visit.Period = m.Period;
        visit.CreditCode = m.CreditCode;
        visit.EnterpriseName = m.EnterpriseName;
        visit.Day = m.Day;
        visit.WindowFrom = m.WindowFrom;
        visit.WindowTo = m.WindowTo;
        visit.Solo = m.Solo;
        visit.LeadAgency = m.LeadAgency;
        visit.Agencies = [.. m.Agencies];
        visit.Matters = [.. m.Matters];
    }
}

/// <summary>The working calendar of the deadline clock; a newer version replaces an older one.</summary>
public sealed class WorkingCalendarChangedConsumer(FilingDb db, TimeProvider clock, ILogger<WorkingCalendarChangedConsumer> logger)
    : IdempotentConsumer<WorkingCalendarChanged, FilingDb>(db, clock, logger)
{
    protected override async Task Handle(WorkingCalendarChanged m, ConsumeContext<WorkingCalendarChanged> context, CancellationToken cancellationToken)
    {
        var year = await Db.Calendar.FindAsync([m.Year], cancellationToken);
        if (year is null) Db.Calendar.Add(year = new CalendarYear { Year = m.Year });
        if (m.CalendarVersion <= year.Version) return;
        year.Version = m.CalendarVersion;
        year.Holidays = [.. m.Holidays];
        year.MakeUpWorkdays = [.. m.MakeUpWorkdays];
    }
}

/// <summary>The matters an unplanned filing may name; the latest version wins.</summary>
public sealed class MatterCatalogChangedConsumer(FilingDb db, TimeProvider clock, ILogger<MatterCatalogChangedConsumer> logger)
    : IdempotentConsumer<MatterCatalogChanged, FilingDb>(db, clock, logger)
{
    protected override async Task Handle(MatterCatalogChanged m, ConsumeContext<MatterCatalogChanged> context, CancellationToken cancellationToken)
    {
        var matter = await Db.Matters.FindAsync([m.MatterCode], cancellationToken);
        if (matter is null) Db.Matters.Add(matter = new MatterView { Code = m.MatterCode, AgencyCode = m.AgencyCode, Name = m.Name });
        if (m.MatterVersion <= matter.Version) return;
        matter.Version = m.MatterVersion;
        matter.AgencyCode = m.AgencyCode;
        matter.Name = m.Name;
        matter.Mergeable = m.Mergeable;
        matter.YearlyCapPerEnterprise = m.YearlyCapPerEnterprise;
    }
}
