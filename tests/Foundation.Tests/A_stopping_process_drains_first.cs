using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServiceDefaults;
using TestInfrastructure;
using Xunit;

namespace Foundation.Tests;

/// <summary>The graceful stop every process shares (<see cref="Draining"/>), in a host of its own with
/// a clock the test moves: once asked to stop, the process answers not ready at once, goes on serving
/// what it has and what still comes (asking each client to close its connection), and stops only when
/// the configured drain has passed. This is what lets a rolling update pass without a 502: whoever
/// routes to it sees it unready and stops sending before it stops accepting.</summary>
public sealed class A_stopping_process_drains_first : IAsyncLifetime
{
    const int DrainSeconds = 15;
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-03-02T09:00:00+08:00"));
    readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    WebApplication _app = null!;
    HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration["Shutdown:DrainSeconds"] = DrainSeconds.ToString();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddDefaultHealthChecks();
        builder.Services.AddDraining();
        _app = builder.Build();
        _app.MapDefaultEndpoints();
        _app.MapGet("/slow", async () =>
        {
            _arrived.TrySetResult();
            await _release.Task;
            return "done";
        });
        _app.MapGet("/quick", () => "done");
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    [Fact]
    public async Task Readiness_turns_503_at_once_while_requests_under_way_and_new_ones_are_served()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/ready")).StatusCode);
        var underWay = _client.GetAsync("/slow");
        await _arrived.Task.WaitAsync(Patience);

        var stopping = _app.StopAsync();

        await Eventually.Until(async () => (await _client.GetAsync("/health/ready")).StatusCode, s => s == HttpStatusCode.ServiceUnavailable,
            "readiness answers 503");
        // Not broken, only going away: a liveness failure now would restart it in the middle of its work.
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/live")).StatusCode);
        var late = await _client.GetAsync("/quick");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.True(late.Headers.ConnectionClose, "a response during the drain asks its client to close the connection");
        _release.SetResult();
        var answered = await underWay.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("done", await answered.Content.ReadAsStringAsync());
        Assert.False(stopping.IsCompleted, "the process stopped before its drain was over");

        _time.Advance(TimeSpan.FromSeconds(DrainSeconds));
        await stopping.WaitAsync(Patience);
    }

    [Fact]
    public async Task The_process_stops_when_the_configured_drain_is_over_and_not_before()
    {
        var stopping = _app.StopAsync();
        await Eventually.Until(async () => (await _client.GetAsync("/health/ready")).StatusCode, s => s == HttpStatusCode.ServiceUnavailable,
            "readiness answers 503");

        _time.Advance(TimeSpan.FromSeconds(DrainSeconds - 1));
        Assert.False(stopping.IsCompleted, "the process stopped a second before its drain was over");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/quick")).StatusCode);

        _time.Advance(TimeSpan.FromSeconds(1));
        await stopping.WaitAsync(Patience);
    }

    [Fact]
    public async Task Before_a_stop_the_process_is_ready_and_keeps_its_connections()
    {
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/health/ready")).StatusCode);
        Assert.NotEqual(true, (await _client.GetAsync("/quick")).Headers.ConnectionClose);
    }

    [Fact]
    public void The_host_waits_for_the_drain_and_for_what_is_under_way_after_it()
    {
        var host = _app.Services.GetRequiredService<IOptions<HostOptions>>().Value;
        var shutdown = _app.Services.GetRequiredService<IOptions<ShutdownOptions>>().Value;
        Assert.Equal(TimeSpan.FromSeconds(DrainSeconds + shutdown.InFlightSeconds), host.ShutdownTimeout);
    }

    public async Task DisposeAsync()
    {
        _release.TrySetResult();
        _time.Advance(TimeSpan.FromSeconds(DrainSeconds));
        await _app.DisposeAsync();
    }
}
