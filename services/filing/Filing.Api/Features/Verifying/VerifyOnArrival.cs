using System.Net;
using QRCoder;

namespace Filing.Api.Features.Verifying;

/// <summary>What the gate is told. <see cref="OtherEnterprise"/>: an enterprise's own user checked a filing made
/// for another enterprise, which is no filing for this inspection, whatever its window says.</summary>
public enum VerificationStatus { Valid, NotYetValid, Expired, Revoked, AwaitingConfirmation, OtherEnterprise }

public sealed record VerifiedInspector(string Name, string CertificateNo);

/// <summary>What the enterprise sees at the gate: exactly what is on the filing form, nothing more.</summary>
public sealed record VerificationResponse(VerificationStatus Status, string FilingNo, string EnterpriseName, string LeadAgency, IReadOnlyList<string> Agencies,
    IReadOnlyList<VerifiedInspector> Inspectors, IReadOnlyList<string> Matters, DateTimeOffset WindowStart, DateTimeOffset WindowEnd);

/// <summary>Verification on arrival (备案核验): anyone may check a code, anonymously, at a rate
/// that makes guessing hopeless; the filing's QR code points here and its printable form carries it.
/// The answer names the enterprise, so a gate guard compares it with their own; a signed-in
/// enterprise user is told outright when the filing is another enterprise's.</summary>
public static class VerifyOnArrival
{
    public const string RateLimitPolicy = "verification";

    public static RouteGroupBuilder MapVerification(this RouteGroupBuilder group)
    {
        group.MapGet("/{code}", Verify).AllowAnonymous().RequireRateLimiting(RateLimitPolicy)
            .WithSummary("备案核验 Check an inspector's filing by its code (public, rate limited)");
        return group;
    }

    public static RouteGroupBuilder MapFilingPrints(this RouteGroupBuilder group)
    {
        group.MapGet("/{filingNo}/qr.png", Qr).RequireAuthorization().WithSummary("备案二维码 The filing's QR code (its agencies, the enterprise, the office)");
        group.MapGet("/{filingNo}/form", Form).RequireAuthorization().WithSummary("打印备案表 The printable filing form with its QR code");
        return group;
    }

    static async Task<Results<Ok<VerificationResponse>, ProblemHttpResult>> Verify(string code, FilingDb db, Actor actor, TimeProvider clock, CancellationToken ct)
    {
        var canonical = VerificationCode.Normalize(code);
        var filing = canonical is null ? null : await db.Filings.AsNoTracking().FirstOrDefaultAsync(f => f.VerificationCode == canonical, ct);
        if (filing is null)
            return Problems.NotFound("No filing has this code.", "Without a valid filing you may refuse the inspection and report it (企业可以拒绝检查).");
        var now = clock.GetUtcNow();
        var status = actor.IsIn(Roles.Enterprise) && actor.CreditCode != filing.CreditCode ? VerificationStatus.OtherEnterprise
            : filing.Status == FilingStatus.Revoked ? VerificationStatus.Revoked
            : filing.Status == FilingStatus.AwaitingConfirmation ? VerificationStatus.AwaitingConfirmation
            : now < filing.WindowStart ? VerificationStatus.NotYetValid
            : now > filing.WindowEnd ? VerificationStatus.Expired
            : VerificationStatus.Valid;
        return TypedResults.Ok(new VerificationResponse(status, filing.FilingNo, filing.EnterpriseName,
            filing.Agencies.First(a => a.AgencyCode == filing.LeadAgency).Name, filing.Agencies.Select(a => a.Name).ToList(),
            filing.Inspectors.Select(i => new VerifiedInspector(i.Name, i.CertificateNo)).ToList(), filing.Matters.Select(m => m.Name).ToList(),
            filing.WindowStart, filing.WindowEnd));
    }

    /// <summary>The address a phone opens from the QR code: the console's verification page.</summary>
    static string VerificationAddress(IOptions<FilingOptions> options, InspectionFiling filing) =>
        options.Value.VerificationPage + VerificationCode.Format(filing.VerificationCode);

    static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Qr(string filingNo, FilingDb db, Actor actor, IOptions<FilingOptions> options, CancellationToken ct)
    {
        var filing = await db.Filings.AsNoTracking().FirstOrDefaultAsync(f => f.FilingNo == filingNo, ct);
        if (filing is null || !Filing.FileInspection.MayRead(actor, filing)) return Problems.NotFound("No such filing.", $"No filing {filingNo} that you may see.");
        return TypedResults.File(QrPng(VerificationAddress(options, filing)), "image/png");
    }

    static byte[] QrPng(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(8);
    }

    const string FormStyle = "body{font-family:sans-serif;max-width:720px;margin:2em auto}table{border-collapse:collapse;width:100%}td,th{border:1px solid #333;padding:.4em;text-align:left}";

    static async Task<Results<ContentHttpResult, ProblemHttpResult>> Form(string filingNo, FilingDb db, Actor actor, IOptions<FilingOptions> options, CancellationToken ct)
    {
        var f = await db.Filings.AsNoTracking().FirstOrDefaultAsync(x => x.FilingNo == filingNo, ct);
        if (f is null || !Filing.FileInspection.MayRead(actor, f)) return Problems.NotFound("No such filing.", $"No filing {filingNo} that you may see.");
        string E(string s) => WebUtility.HtmlEncode(s);
        var local = (DateTimeOffset t) => t.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm");
        var qr = Convert.ToBase64String(QrPng(VerificationAddress(options, f)));
        var html = $"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>园区执法检查备案表 {E(f.FilingNo)}</title>
            <style>{FormStyle}</style></head>
            <body><h1>园区执法检查备案表</h1>
            <table>
            <tr><th>备案编号</th><td>{E(f.FilingNo)}</td></tr>
            <tr><th>核验码</th><td><strong>{E(VerificationCode.Format(f.VerificationCode))}</strong></td></tr>
            <tr><th>被检查企业</th><td>{E(f.EnterpriseName)}（{E(f.CreditCode)}）</td></tr>
            <tr><th>牵头单位</th><td>{E(f.Agencies.First(a => a.AgencyCode == f.LeadAgency).Name)}</td></tr>
            <tr><th>参与单位</th><td>{E(string.Join("、", f.Agencies.Select(a => a.Name)))}</td></tr>
            <tr><th>检查事项</th><td>{E(string.Join("；", f.Matters.Select(m => m.Name)))}</td></tr>
            <tr><th>执法人员</th><td>{E(string.Join("；", f.Inspectors.Select(i => $"{i.Name}（执法证号 {i.CertificateNo}）")))}</td></tr>
            <tr><th>检查时间</th><td>{E(local(f.WindowStart))} 至 {E(local(f.WindowEnd))}</td></tr>
            {(f.UnplannedReason is null ? "" : $"<tr><th>计划外检查事由</th><td>{E(f.UnplannedReason)}</td></tr>")}
            </table>
            <p><img alt="核验二维码" src="data:image/png;base64,{qr}"><br>企业可扫码或输入核验码核验本次检查；无有效备案的，企业可以拒绝检查并反映。</p>
            </body></html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
