using ServiceDefaults;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Planning.Domain;
using TestInfrastructure;

namespace Foundation.Tests;

/// <summary>Enterprises with valid, unique credit codes, and the office's call that registers one.</summary>
static class Demo
{
    static int _sequence = Random.Shared.Next(1_000_000);

    public static string NewCreditCode()
    {
        var body = $"91330100{Interlocked.Increment(ref _sequence) % 100_000_000:D8}A";
        return body + CreditCode.CheckCharacter(body);
    }

    public static object Enterprise(string creditCode, string name = "华东精细化工有限公司") => new
    {
        creditCode,
        name,
        zone = "化工园区A区",
        industry = "化工",
        riskLevel = "High",
        quietPeriods = new[] { new { from = "2026-02-10", to = "2026-02-24", reason = "春节停产检修" } },
    };

    public static async Task<HttpResponseMessage> RegisterAsync(HttpClient planning, string creditCode)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/planning/enterprises") { Content = JsonContent.Create(Enterprise(creditCode)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestIdentity.Office());
        return await planning.SendAsync(request);
    }
}
