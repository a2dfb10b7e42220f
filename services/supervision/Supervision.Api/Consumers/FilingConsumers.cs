using Filing.Contracts;
using MassTransit;
using ReadModels;
using Supervision.Api.Features.Cards;
using Supervision.Api.Features.Retaliation;

namespace Supervision.Api.Consumers;

/// <summary>A filed inspection joins the read model, and the retaliation watch looks at it. Filings are
/// the platform's busiest stream (a thousand in a morning when agencies send their day's visits), so
/// those that arrive together are applied together.</summary>
public sealed class InspectionFiledConsumer(GroupCommit<InspectionFiled> commit) : GroupCommitConsumer<InspectionFiled>(commit)
{
    protected override void Received(InspectionFiled m) => Telemetry.TagInspection(m.JointId, m.FilingNo);
}

/// <summary>Applies a group of filings: their read-model rows, and the retaliation watch.</summary>
public sealed class InspectionFiledApplier(SupervisionDb db, RetaliationWatch watch) : GroupApplier<InspectionFiled>(db)
{
    // The group's read-model rows that exist already, loaded at once; the others are new (added
    // without a look-up each: a look-up of an absent row is a round trip).
    Dictionary<string, InspectionView> _views = [];

    protected override async Task PrepareAsync(IReadOnlyList<InspectionFiled> messages, CancellationToken ct)
    {
        var filingNos = messages.Select(m => m.FilingNo).ToList();
        _views = await db.Inspections.Where(i => filingNos.Contains(i.FilingNo)).ToDictionaryAsync(i => i.FilingNo, ct);
        await watch.PrepareAsync([.. messages.Select(m => m.CreditCode)], ct);
    }

    protected override async Task HandleAsync(InspectionFiled m, CancellationToken ct)
    {
        if (!_views.TryGetValue(m.FilingNo, out var view))
            db.Inspections.Add(_views[m.FilingNo] = view = new InspectionView { FilingNo = m.FilingNo });
        view.JointId = m.JointId;
        view.Unplanned = m.Unplanned;
        view.CreditCode = m.CreditCode;
        view.LeadAgency = m.LeadAgency;
        view.Agencies = [.. m.Agencies];
        view.FiledAt = m.FiledAt;
        await watch.CheckAsync(m.Agencies, m.CreditCode, RetaliationTrigger.Filing, m.FilingNo, !m.Unplanned, m.FiledAt, ct, view.CancelledAt);
    }
}

/// <summary>A completed inspection can be rated by its enterprise and counts in the indicators.</summary>
public sealed class InspectionCompletedConsumer(SupervisionDb db, TimeProvider clock, ILogger<InspectionCompletedConsumer> logger)
    : IdempotentConsumer<InspectionCompleted, SupervisionDb>(db, clock, logger)
{
    protected override async Task Handle(InspectionCompleted m, ConsumeContext<InspectionCompleted> context, CancellationToken ct)
    {
        var view = await Inspections.OfAsync(Db, m.FilingNo, m.JointId, m.CreditCode, m.LeadAgency, m.Agencies, ct);
        view.CompletedAt = m.CompletedAt;
        view.Findings = m.Findings.Count;
        view.Emergency = m.Emergency;
    }
}

/// <summary>A filing cancelled before the inspection: the read model says so, and a retaliation flag
/// raised on it shows the task force it did not go ahead (the flag itself stays: it was filed).</summary>
public sealed class FilingCancelledConsumer(SupervisionDb db, TimeProvider clock, ILogger<FilingCancelledConsumer> logger)
    : IdempotentConsumer<FilingCancelled, SupervisionDb>(db, clock, logger)
{
    protected override async Task Handle(FilingCancelled m, ConsumeContext<FilingCancelled> context, CancellationToken ct)
    {
        var view = await Inspections.OfAsync(Db, m.FilingNo, m.JointId, m.CreditCode, m.LeadAgency, m.Agencies, ct);
        view.CancelledAt = m.CancelledAt;
        foreach (var flag in await Db.RetaliationFlags.Where(f => f.Trigger == RetaliationTrigger.Filing && f.Reference == m.FilingNo).ToListAsync(ct))
            flag.FilingCancelledAt = m.CancelledAt;
    }
}

static class Inspections
{
    /// <summary>The inspection's view, whichever of its events arrives first, with what every event of it says:
    /// its visit, enterprise and agencies. The trace is tagged with the visit.</summary>
    public static async Task<InspectionView> OfAsync(SupervisionDb db, string filingNo, string? jointId, string creditCode, string leadAgency,
        IEnumerable<string> agencies, CancellationToken ct)
    {
        Telemetry.TagInspection(jointId, filingNo);
        var view = await db.Inspections.FindOrAddAsync(filingNo, () => new InspectionView { FilingNo = filingNo }, ct);
        view.JointId = jointId;
        view.CreditCode = creditCode;
        view.LeadAgency = leadAgency;
        view.Agencies = [.. agencies];
        return view;
    }

    /// <summary>The emergency's view, whichever of its events arrives first.</summary>
    public static async Task<EmergencyView> EmergencyAsync(SupervisionDb db, string provisionalNo, string agencyCode, string creditCode, CancellationToken ct)
    {
        var view = await db.Emergencies.FindOrAddAsync(provisionalNo, () => new EmergencyView { ProvisionalNo = provisionalNo }, ct);
        view.AgencyCode = agencyCode;
        view.CreditCode = creditCode;
        return view;
    }
}

/// <summary>An emergency's view takes each of its events in whatever order they arrive: the view is found
/// or made by its provisional number, and each consumer sets only what its event says.</summary>
public abstract class EmergencyViewConsumer<T>(SupervisionDb db, TimeProvider clock, ILogger logger)
    : IdempotentConsumer<T, SupervisionDb>(db, clock, logger) where T : class
{
    protected abstract (string ProvisionalNo, string AgencyCode, string CreditCode) Emergency(T m);
    protected abstract void Apply(EmergencyView view, T m);

    protected override async Task Handle(T m, ConsumeContext<T> context, CancellationToken ct)
    {
        var (provisionalNo, agencyCode, creditCode) = Emergency(m);
        Apply(await Inspections.EmergencyAsync(Db, provisionalNo, agencyCode, creditCode, ct), m);
    }
}

public sealed class EmergencyPreFiledConsumer(SupervisionDb db, TimeProvider clock, ILogger<EmergencyPreFiledConsumer> logger)
    : EmergencyViewConsumer<EmergencyPreFiled>(db, clock, logger)
{
    protected override (string, string, string) Emergency(EmergencyPreFiled m) => (m.ProvisionalNo, m.AgencyCode, m.CreditCode);
    protected override void Apply(EmergencyView view, EmergencyPreFiled m) => view.ApprovedAt = m.ApprovedAt;
}

public sealed class EmergencyBackfilledConsumer(SupervisionDb db, TimeProvider clock, ILogger<EmergencyBackfilledConsumer> logger)
    : EmergencyViewConsumer<EmergencyBackfilled>(db, clock, logger)
{
    protected override (string, string, string) Emergency(EmergencyBackfilled m) => (m.ProvisionalNo, m.AgencyCode, m.CreditCode);
    protected override void Apply(EmergencyView view, EmergencyBackfilled m) => (view.BackfilledAt, view.BackfilledOnTime) = (m.BackfilledAt, m.OnTime);
}

public sealed class EmergencyWithdrawnConsumer(SupervisionDb db, TimeProvider clock, ILogger<EmergencyWithdrawnConsumer> logger)
    : EmergencyViewConsumer<EmergencyWithdrawn>(db, clock, logger)
{
    protected override (string, string, string) Emergency(EmergencyWithdrawn m) => (m.ProvisionalNo, m.AgencyCode, m.CreditCode);
    protected override void Apply(EmergencyView view, EmergencyWithdrawn m) => view.WithdrawnAt = m.WithdrawnAt;
}

/// <summary>A written filing not made within 5 working days opens a case against the agency.</summary>
public sealed class BackfillOverdueConsumer(SupervisionDb db, TimeProvider clock, ILogger<BackfillOverdueConsumer> logger)
    : IdempotentConsumer<BackfillOverdue, SupervisionDb>(db, clock, logger)
{
    protected override async Task Handle(BackfillOverdue m, ConsumeContext<BackfillOverdue> context, CancellationToken ct)
    {
        var view = await Inspections.EmergencyAsync(Db, m.ProvisionalNo, m.AgencyCode, m.CreditCode, ct);
        view.OverdueAt = m.RaisedAt;
        if (await Db.Cards.AnyAsync(c => c.Source == CardSource.BackfillOverdue && c.SourceReference == m.ProvisionalNo, ct)) return;
        var card = new SupervisionCard
        {
            Id = Guid.CreateVersion7(m.RaisedAt), Type = CardType.UnfiledInspection, Source = CardSource.BackfillOverdue, AgencyCode = m.AgencyCode,
            ProvisionalNo = m.ProvisionalNo, SourceReference = m.ProvisionalNo, SubmittedAt = m.RaisedAt, SubmittedBy = "system",
            Description = $"紧急检查 {m.ProvisionalNo}（企业 {m.CreditCode}）未在 {m.Deadline:yyyy-MM-dd} 前书面补报。",
            OccurredOn = m.Deadline,
        };
        await CaseOpening.OpenAsync(Db, card, Actor.System, Clock, ct);
    }
}

/// <summary>An enterprise refused an unfiled inspection: its report becomes a card in its name, protected
/// like any other.</summary>
public sealed class UnfiledInspectionReportedConsumer(SupervisionDb db, TimeProvider clock, ILogger<UnfiledInspectionReportedConsumer> logger)
    : IdempotentConsumer<UnfiledInspectionReported, SupervisionDb>(db, clock, logger)
{
    protected override async Task Handle(UnfiledInspectionReported m, ConsumeContext<UnfiledInspectionReported> context, CancellationToken ct)
    {
        var reference = m.RefusalId.ToString();
        if (await Db.Cards.AnyAsync(c => c.Source == CardSource.Refusal && c.SourceReference == reference, ct)) return;
        var enterprise = await Db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == m.CreditCode, ct);
        var card = new SupervisionCard
        {
            Id = Guid.CreateVersion7(m.ReportedAt), Type = CardType.UnfiledInspection, Source = CardSource.Refusal,
            SubmitterCreditCode = m.CreditCode, SubmitterName = enterprise?.Name, AgencyCode = m.AgencyCode,
            Description = m.CodeShown is null ? m.Description : $"{m.Description}（出示的备案码：{m.CodeShown}）",
            OccurredOn = ChinaTime.Day(m.OccurredAt), SubmittedAt = m.ReportedAt, SubmittedBy = $"enterprise:{m.CreditCode}", SourceReference = reference,
        };
        await CaseOpening.OpenAsync(Db, card, Actor.System with { Subject = card.SubmittedBy }, Clock, ct);
    }
}
