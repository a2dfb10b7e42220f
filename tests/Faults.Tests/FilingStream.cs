using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using TestInfrastructure;

namespace Faults.Tests;

/// <summary>What a stream made: every filing number the agencies were given (each request once,
/// whatever the retries) and those inspected with one finding.</summary>
public sealed record StreamOutcome(string Tag, IReadOnlyList<string> Filed, IReadOnlyList<string> Completed, int Resent);

/// <summary>How far the stream is: filings answered, inspections completed.</summary>
public delegate (int Filed, int Completed) Progress();

/// <summary>Agency systems at work while something breaks: <c>count</c> unplanned filings from 16
/// concurrent clients of four agencies, every fifth then started and completed with a finding (so
/// planning, tolerance and supervision all have work). Clients behave as agency systems should:
/// a filing is sent again with its Idempotency-Key until it is answered; a start or completion whose
/// answer was lost is checked before it is sent again. The fault runs once the trigger says so, while
/// the stream goes on.</summary>
public sealed class FilingStream(FaultPlatform platform)
{
    public const int Count = 1000;
    const int Clients = 16;
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);
    // One per agency for the stream (a test token outlives any stream).
    readonly ConcurrentDictionary<string, string> _tokens = new();

    int _resent;

    /// <summary>Requests sent again so far (no answer, or a server error).</summary>
    public int Resent => Volatile.Read(ref _resent);

    public async Task<StreamOutcome> RunAsync(string tag, Func<(int Filed, int Completed), bool> trigger, Func<Progress, Task> fault, IReadOnlyList<Uri>? filingAddresses = null)
    {
        var addresses = filingAddresses ?? [platform.Services["filing"].BaseAddress];
        var clients = addresses.Select(a => new HttpClient { BaseAddress = a, Timeout = TimeSpan.FromSeconds(15) }).ToArray();
        var agencies = platform.Matters.Keys.Order().ToArray();
        // Inspected ones first, in a window hours ahead (however slow the filing, and the resends after a
        // fault, they arrive before it starts), opened once all are filed so they can be started.
        var opens = DateTimeOffset.UtcNow.AddHours(2);
        var inspected = Count / 5;
        var filed = new string?[Count];
        var (filedCount, completedCount) = (0, 0);
        Task? faultRun = null;
        (int, int) Now() => (Volatile.Read(ref filedCount), Volatile.Read(ref completedCount));
        void Progress()
        {
            if (faultRun is null && trigger(Now()))
                lock (filed) faultRun ??= Task.Run(() => fault(Now));
        }

        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async worker =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < Count)
            {
                var agency = agencies[i % agencies.Length];
                var start = i < inspected ? opens : DateTimeOffset.UtcNow.AddDays(3).AddMinutes(i);
                var body = new
                {
                    unplannedReason = $"群众举报，需现场核查（{tag}）", creditCode = platform.Enterprises[i % platform.Enterprises.Length], matterCodes = new[] { platform.Matters[agency] },
                    windowStart = start, windowEnd = start.AddHours(4),
                    inspectors = DemoRoster.Two(agency, i % 6 + 1),
                };
                using var answer = await UntilAnsweredAsync(clients, worker, HttpMethod.Post, "/api/filing/filings", agency, body, $"{tag}-{i}");
                if (answer.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
                    throw new InvalidOperationException($"Filing {i} of {tag} was refused: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
                filed[i] = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("filingNo").GetString();
                Interlocked.Increment(ref filedCount);
                Progress();
            }
        }));

        await WhileDatabaseIsAwayAsync(() => FiledWindows.OpenAsync(platform.Databases["filing"], [.. filed.Take(inspected).Select(f => f!)]));
        next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async worker =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < inspected)
            {
                var agency = agencies[i % agencies.Length];
                await StepAsync(clients, worker, filed[i]!, agency, "start", null, "Started");
                var findings = new { findings = new[] { new { matterCode = platform.Matters[agency], description = "台账记录不全", severity = 1, rectifiedOnTheSpot = true, harmCaused = false } } };
                await StepAsync(clients, worker, filed[i]!, agency, "complete", findings, "Completed");
                Interlocked.Increment(ref completedCount);
                Progress();
            }
        }));

        if (faultRun is not null) await faultRun;
        foreach (var client in clients) client.Dispose();
        if (faultRun is null) throw new InvalidOperationException($"The fault of {tag} never ran: its trigger did not fire.");
        return new StreamOutcome(tag, filed.Select(f => f!).ToList(), filed.Take(inspected).Select(f => f!).ToList(), _resent);
    }

    /// <summary>Starts or completes; a 409 may be the answer to our own earlier attempt whose answer
    /// was lost: the filing's status says whether the step is done.</summary>
    async Task StepAsync(HttpClient[] clients, int worker, string filingNo, string agency, string step, object? body, string done)
    {
        using var answer = await UntilAnsweredAsync(clients, worker, HttpMethod.Post, $"/api/filing/filings/{filingNo}/{step}", agency, body ?? new { }, null);
        if (answer.IsSuccessStatusCode) return;
        if (answer.StatusCode == HttpStatusCode.Conflict)
        {
            using var filing = await UntilAnsweredAsync(clients, worker, HttpMethod.Get, $"/api/filing/filings/{filingNo}", agency, null, null);
            var status = (await filing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString();
            if (status == done || (done == "Started" && status == "Completed")) return;
        }
        throw new InvalidOperationException($"{step} of {filingNo} was refused: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
    }

    /// <summary>Waits until the stream has gone on by <paramref name="filings"/> filings or
    /// <paramref name="completions"/> completions since now (or <paramref name="since"/>), or has no more of them to do, or
    /// <paramref name="atMost"/> passed: what a fault must last to hit the stream. Returns how many
    /// steps the stream made meanwhile.</summary>
    public static async Task<int> WhileStreamGoesOnAsync(Progress progress, int filings, int completions, TimeSpan atMost, (int Filed, int Completed)? since = null)
    {
        var (filed, completed) = since ?? progress();
        var deadline = DateTime.UtcNow + atMost;
        var now = progress();
        while (DateTime.UtcNow < deadline)
        {
            now = progress();
            if (now.Filed - filed >= filings || now.Completed - completed >= completions || now.Completed == Count / 5) break;
            await Task.Delay(50);
        }
        return now.Filed - filed + now.Completed - completed;
    }

    /// <summary>Runs <paramref name="work"/> on filing's database again until the database answers: the fault
    /// may have it stopped right now.</summary>
    static async Task WhileDatabaseIsAwayAsync(Func<Task> work)
    {
        var deadline = DateTime.UtcNow + 2 * Patience;
        while (true)
        {
            try { await work(); return; }
            catch (Npgsql.NpgsqlException) when (DateTime.UtcNow < deadline) { await Task.Delay(250); }
        }
    }

    /// <summary>Sends until the service answers with anything but a server error (it may be down,
    /// restarting, or without its database).</summary>
    async Task<HttpResponseMessage> UntilAnsweredAsync(HttpClient[] clients, int worker, HttpMethod method, string path, string agency, object? body, string? key)
    {
        var deadline = DateTime.UtcNow + Patience;
        for (var attempt = 0; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _tokens.GetOrAdd(agency, TestIdentity.Agency));
            if (key is not null) request.Headers.Add("Idempotency-Key", key);
            if (body is not null) request.Content = JsonContent.Create(body);
            try
            {
                var response = await clients[(worker + attempt) % clients.Length].SendAsync(request);
                if ((int)response.StatusCode < 500) return response;
                response.Dispose();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { }
            Interlocked.Increment(ref _resent);
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{method} {path} got no answer in {Patience}.");
            await Task.Delay(250);
        }
    }
}
