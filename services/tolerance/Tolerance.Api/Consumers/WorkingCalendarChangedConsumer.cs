using MassTransit;
using Planning.Contracts;
using ReadModels;
using Tolerance.Api.Features.Deciding;

namespace Tolerance.Api.Consumers;

/// <summary>The calendar of the statement period; a newer version replaces an older one. Proposals whose
/// period waited for this year are counted now, in the same transaction.</summary>
public sealed class WorkingCalendarChangedConsumer(ToleranceDb db, TimeProvider clock, IOptions<ToleranceOptions> options, ILogger<WorkingCalendarChangedConsumer> logger)
    : IdempotentConsumer<WorkingCalendarChanged, ToleranceDb>(db, clock, logger)
{
    protected override async Task Handle(WorkingCalendarChanged m, ConsumeContext<WorkingCalendarChanged> context, CancellationToken cancellationToken)
    {
        await Db.Calendar.KeepAsync(m.Year, new CalendarYear { Year = m.Year, Version = m.CalendarVersion, Holidays = [.. m.Holidays], MakeUpWorkdays = [.. m.MakeUpWorkdays] },
            held => held.Version < m.CalendarVersion, cancellationToken);
        var waiting = await Db.Decisions.Where(d => d.CalendarMissingFor == m.Year && d.Status == DecisionStatus.Proposed).ToListAsync(cancellationToken);
        if (waiting.Count == 0) return;
        var years = (await Db.Calendar.AsNoTracking().Where(y => y.Year != m.Year).ToListAsync(cancellationToken)).Append(Db.Calendar.Local.Single(y => y.Year == m.Year)).ToList();
        var calendar = StatementPeriod.Of(years);
        foreach (var d in waiting) StatementPeriod.Set(d, calendar, options.Value.StatementWorkingDays);
    }
}
