using Filing.Api.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Persistence;
using Xunit;

namespace Foundation.Tests;

/// <summary>The in-process sweep timer's settings are checked when the process starts, not first read
/// at its first tick.</summary>
public sealed class Sweep_settings_are_checked_at_start
{
    static IHost Process(string every)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Sweeps:Every"] = every, ["Sweeps:InProcess"] = "false" });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSweep<FilingDb, EmergencyPreFiling>("/sweeps/nothing", "handled", (db, _) => db.Emergencies, (_, _, _) => { });
        return builder.Build();
    }

    [Theory]
    [InlineData("00:00:01")]
    [InlineData("-00:05:00")]
    [InlineData("2.00:00:00")]
    public async Task A_period_outside_ten_seconds_to_a_day_stops_the_start(string every)
    {
        using var process = Process(every);
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => process.StartAsync());
        Assert.Contains("Sweeps:Every", refused.Message);
    }

    [Fact]
    public async Task A_period_of_five_minutes_starts()
    {
        using var process = Process("00:05:00");
        await process.StartAsync();
        await process.StopAsync();
    }
}
