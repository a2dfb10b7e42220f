using System.Diagnostics;
using TestInfrastructure;

namespace Benchmarks;

/// <summary>A year of a county's ledgers exported as spreadsheets: generated rows (filings, emergencies,
/// refusals, cases with five steps each) written straight into the services' databases, then each export
/// downloaded from the running service, once for one month and once for the whole year. The service
/// process's peak resident memory is reset before each export (/proc/PID/clear_refs) and read after it
/// (VmHWM): a streamed export's peak does not grow with its rows.</summary>
static class ExportBenchmark
{
    public static async Task RunAsync(int filings, int cases)
    {
        var infra = await SharedInfrastructure.GetAsync();
        var broker = await infra.RabbitMq.CreateVirtualHostAsync("bench");
        var filingDb = await infra.Postgres.CreateDatabaseAsync("filing");
        var supervisionDb = await infra.Postgres.CreateDatabaseAsync("supervision");
        var quiet = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" };
        await using var filing = await ServiceProcess.StartAsync("Filing.Api", ServiceSettings.For("filing", filingDb, broker, quiet), infra);
        await using var supervision = await ServiceProcess.StartAsync("Supervision.Api", ServiceSettings.For("supervision", supervisionDb, broker, quiet), infra);

        var generating = Stopwatch.StartNew();
        await Sql.ScalarAsync<long>(filingDb, Filings(filings));
        await Sql.ScalarAsync<long>(filingDb, Emergencies(filings / 20));
        await Sql.ScalarAsync<long>(filingDb, Refusals(filings / 40));
        await Sql.ScalarAsync<long>(supervisionDb, Cards(cases));
        await Sql.ScalarAsync<long>(supervisionDb, Cases(cases));
        await Sql.ScalarAsync<long>(supervisionDb, History(cases));
        Console.WriteLine($"generated {filings:N0} filings, {filings / 20:N0} emergencies, {filings / 40:N0} refusals, {cases:N0} cases with 5 steps each in {generating.Elapsed.TotalSeconds:F1} s");

        var runs = new (string Name, ServiceProcess Service, string Path)[]
        {
            ("filing register, January", filing, "/api/filing/filings/export?from=2026-01-01&to=2026-01-31"),
            ("filing register, the year", filing, "/api/filing/filings/export"),
            ("emergencies, the year", filing, "/api/filing/emergency/export"),
            ("refusals, the year", filing, "/api/filing/refusals/export"),
            ("case ledger, January", supervision, "/api/supervision/cases/export?month=2026-01"),
            ("case ledger, the year", supervision, "/api/supervision/cases/export"),
            // PDFs: "rows" are pages.
            ("reform report PDF, the year", supervision, "/api/supervision/report/pdf?period=2026"),
            ("reform report PDF, Q1", supervision, "/api/supervision/report/pdf?period=2026-Q1"),
        };
        // Once each unmeasured, so that JIT and connection pools are not counted as the export's.
        foreach (var run in runs) await DownloadAsync(run.Service, run.Path);

        Console.WriteLine($"\n{"export",-28} {"rows",8} {"bytes",12} {"seconds",8} {"RSS before MB",14} {"peak RSS MB",12}");
        foreach (var (name, service, path) in runs)
        {
            var pid = service.ProcessId ?? throw new InvalidOperationException($"{name}: the service is not running");
            GC.Collect();
            await File.WriteAllTextAsync($"/proc/{pid}/clear_refs", "5");   // resets VmHWM to the current RSS
            var before = Status(pid, "VmRSS:");
            var watch = Stopwatch.StartNew();
            var (bytes, rows) = await DownloadAsync(service, path);
            watch.Stop();
            Console.WriteLine($"{name,-28} {rows,8:N0} {bytes,12:N0} {watch.Elapsed.TotalSeconds,8:F2} {before,14:F0} {Status(pid, "VmHWM:"),12:F0}");
        }
    }

    static async Task<(long Bytes, int Rows)> DownloadAsync(ServiceProcess service, string path)
    {
        using var client = service.CreateClient();
        client.Timeout = TimeSpan.FromMinutes(10);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", TestIdentity.Office());
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var file = Path.GetTempFileName();
        try
        {
            await using (var to = File.Create(file)) await (await response.Content.ReadAsStreamAsync()).CopyToAsync(to);
            var rows = response.Content.Headers.ContentType?.MediaType == "application/pdf"
                ? System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(await File.ReadAllBytesAsync(file)), @"/Type\s*/Page(?!s)")
                : MiniExcelLibs.MiniExcel.Query(file, excelType: MiniExcelLibs.ExcelType.XLSX).Count() - 1;
            return (new FileInfo(file).Length, rows);
        }
        finally { File.Delete(file); }
    }

    static double Status(int pid, string field) =>
        double.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024;

    // Spread over 2026 in China's time; agencies, enterprises and matters as a county has them.
    const string Agencies = "(ARRAY['YJ','SJ','ZF','HB','XF','WJ','RS'])";
    const string Names = "(ARRAY['应急管理局','市场监督管理局','综合行政执法局','生态环境分局','消防救援大队','卫生健康局','人力资源和社会保障局'])";

    static string Counted(string insert) => $"WITH ins AS ({insert} RETURNING 1) SELECT count(*) FROM ins";

    static string Filings(int n) => Counted($"""
        INSERT INTO filings (filing_no, verification_code, joint_id, unplanned_reason, credit_code, enterprise_name, lead_agency, agencies, matters, inspectors,
            confirmations, window_start, window_end, reschedules, status, over_yearly_cap, filed_at, filed_by, findings)
        SELECT 'BA2026-' || {Agencies}[1 + i % 7] || '-' || lpad(i::text, 6, '0'), lpad(i::text, 13, '0'),
            CASE WHEN i % 3 = 0 THEN NULL ELSE '2026-' || i END, CASE WHEN i % 3 = 0 THEN '群众举报需现场核查' END,
            '91511724MA' || lpad((i % 800)::text, 8, '0'), '大竹县园区企业' || (i % 800) || '有限公司', {Agencies}[1 + i % 7],
            jsonb_build_array(jsonb_build_object('agencyCode', {Agencies}[1 + i % 7], 'name', {Names}[1 + i % 7]), jsonb_build_object('agencyCode', 'XF', 'name', '消防救援大队')),
            jsonb_build_array(jsonb_build_object('matterCode', {Agencies}[1 + i % 7] || '-01', 'name', '安全生产条件检查', 'agencyCode', {Agencies}[1 + i % 7])),
            jsonb_build_array(jsonb_build_object('name', '王伟', 'certificateNo', '51172401' || lpad((i % 90)::text, 3, '0'), 'agencyCode', {Agencies}[1 + i % 7]),
                              jsonb_build_object('name', '李娜', 'certificateNo', '51172402' || lpad((i % 90)::text, 3, '0'), 'agencyCode', {Agencies}[1 + i % 7])),
            '[]', t, t + interval '3 hours', '[]', 'Completed', false, t - interval '2 days', 'bench', '[]'
        FROM generate_series(1, {n}) i, LATERAL (SELECT timestamptz '2026-01-01 09:00+08' + i * (interval '364 days' / {n})) w(t)
        """);

    static string Emergencies(int n) => Counted($"""
        INSERT INTO emergency_pre_filings (provisional_no, agency_code, approved_at, approved_by, backfill_deadline, backfilled_at, credit_code, ended_at,
            enterprise_name, expected_end_at, inspectors, matters, reason, recorded_at, recorded_by)
        SELECT 'JJ2026-' || {Agencies}[1 + i % 7] || '-' || lpad(i::text, 5, '0'), {Agencies}[1 + i % 7], t, '分管副局长', (t + interval '7 days')::date,
            CASE WHEN i % 5 = 0 THEN NULL ELSE t + interval '3 days' END, '91511724MA' || lpad((i % 800)::text, 8, '0'), t + interval '2 hours',
            '大竹县园区企业' || (i % 800) || '有限公司', t + interval '2 hours', '[]', '[]', '群众举报疑似危化品泄漏，需立即到场处置', t, 'bench'
        FROM generate_series(1, {n}) i, LATERAL (SELECT timestamptz '2026-01-01 09:00+08' + i * (interval '364 days' / {n})) w(t)
        """);

    static string Refusals(int n) => Counted($"""
        INSERT INTO refusals (id, agency_code, credit_code, description, occurred_at, reported_at, reported_by)
        SELECT md5('refusal' || i)::uuid, {Agencies}[1 + i % 7], '91511724MA' || lpad((i % 800)::text, 8, '0'), '=两名自称执法人员到厂检查，无法出示备案，已拒绝', t, t + interval '1 hour', 'bench'
        FROM generate_series(1, {n}) i, LATERAL (SELECT timestamptz '2026-01-01 09:00+08' + i * (interval '364 days' / {n})) w(t)
        """);

    static string Cards(int n) => Counted($"""
        INSERT INTO cards (id, agency_code, consent_to_disclose, description, occurred_on, source, submitted_at, submitted_by, submitter_credit_code, submitter_name, type)
        SELECT md5('card' || i)::uuid, {Agencies}[1 + i % 7], i % 4 = 0, '检查人员要求企业购买指定厂家的防护用品，并暗示不买就多来几次', (t - interval '1 day')::date, 'Enterprise',
            t, 'bench', '91511724MA' || lpad((i % 800)::text, 8, '0'), '大竹县园区企业' || (i % 800) || '有限公司', (ARRAY['Misconduct','RudeConduct','ReasonableDemand'])[1 + i % 3]
        FROM generate_series(1, {n}) i, LATERAL (SELECT timestamptz '2026-01-01 09:00+08' + i * (interval '364 days' / {n})) w(t)
        """);

    static string Cases(int n) => Counted($"""
        INSERT INTO cases (id, assigned_to, card_id, case_no, deadline, escalation_level, forwarded_summary, last_update_at, opened_at, revision, state)
        SELECT md5('case' || i)::uuid, {Agencies}[1 + (i + 1) % 7], md5('card' || i)::uuid, 'DB2026-' || lpad(i::text, 5, '0'), (t + interval '30 days')::date, 0,
            '企业反映检查人员作风问题，请核实处理并按期反馈。', t + interval '7 days', t, 5, 'InProgress'
        FROM generate_series(1, {n}) i, LATERAL (SELECT timestamptz '2026-01-01 09:00+08' + i * (interval '364 days' / {n})) w(t)
        """);

    static string History(int n) => Counted($"""
        INSERT INTO case_history (case_id, sequence, action, "from", "to", actor_role, actor_id, at, note, assigned_to, deadline)
        SELECT md5('case' || i)::uuid, s.seq, s.action, s.from_state, s.to_state, s.role, s.actor, t + s.seq * interval '1 day', s.note,
            CASE WHEN s.action = 'Assign' THEN {Agencies}[1 + (i + 1) % 7] END, CASE WHEN s.action = 'Assign' THEN (t + interval '30 days')::date END
        FROM generate_series(1, {n}) i, LATERAL (SELECT timestamptz '2026-01-01 09:00+08' + i * (interval '364 days' / {n})) w(t),
            (VALUES (1, 'Opened', 'Registered', 'Registered', 'submitter', 'bench', '检查人员要求企业购买指定厂家的防护用品'),
                    (2, 'SendForSignOff', 'Registered', 'SentForSignOff', 'office', 'office-1', '已核实，送县委领导签批'),
                    (3, 'Instruct', 'SentForSignOff', 'Instructed', 'leader', 'leader-1', '请纪律作风保障专责小组跟踪问效'),
                    (4, 'Assign', 'Instructed', 'Assigned', 'office', 'office-1', '转办责任单位限期落实'),
                    (5, 'Update', 'Assigned', 'InProgress', 'agency', 'agency-1', '已约谈当事检查人员，正在整改')) s(seq, action, from_state, to_state, role, actor, note)
        """);
}
