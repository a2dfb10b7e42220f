using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Xunit;

namespace TestInfrastructure;

/// <summary>Whether a deployable would start with some settings: it is built in the test process and
/// started, which runs its start checks (every setting's <c>ValidateOnStart</c>), and is stopped right
/// after them, before any hosted service starts. Nothing is connected to, so the connection strings
/// need name no real database or broker.</summary>
public static class StartChecks
{
    /// <summary>Settings that name no real database or broker, for <see cref="ServiceSettings.For"/>.</summary>
    public const string NoDatabase = "Host=127.0.0.1;Database=unused";
    public const string NoBroker = "amqp://127.0.0.1/";

    /// <summary>What stops <typeparamref name="TEntryPoint"/> at start with <paramref name="settings"/>,
    /// or null when it passes its checks. <typeparamref name="TEntryPoint"/> is any type of its assembly.</summary>
    public static Exception? FailureOf<TEntryPoint>(IReadOnlyDictionary<string, string> settings) where TEntryPoint : class
    {
        // The test host waits for the application's host to start by asking its services for the lifetime; a
        // host that stops at once may be disposed before that question, which then hides why it stopped
        // (ObjectDisposedException). That says nothing of the settings: ask again until the reason shows.
        for (var attempt = 1; ; attempt++)
        {
            var failure = StartOnce<TEntryPoint>(settings);
            if (failure is not ObjectDisposedException { StackTrace: { } trace } || !trace.Contains("DeferredHost", StringComparison.Ordinal) || attempt == 20)
                return failure;
        }
    }

    static Exception? StartOnce<TEntryPoint>(IReadOnlyDictionary<string, string> settings) where TEntryPoint : class
    {
        using var factory = new ServiceFactory<TEntryPoint>(settings, services => services.Insert(0, ServiceDescriptor.Singleton<IHostedService, StopAfterTheChecks>()));
        try
        {
            _ = factory.Services;
            return new InvalidOperationException("The host started beyond its checks.");
        }
        catch (Exception e)
        {
            return All<ChecksPassed>(e).Any() ? null : e;
        }
    }

    /// <summary>Asserts that <paramref name="settings"/> pass, and that with <paramref name="key"/> left
    /// out (or set to <paramref name="value"/>) the deployable stops at start with a message naming it.</summary>
    public static void StopsNaming<TEntryPoint>(IReadOnlyDictionary<string, string> settings, string key, string? value = null) where TEntryPoint : class
    {
        var passed = FailureOf<TEntryPoint>(settings);
        Assert.True(passed is null, $"The complete settings should pass: {passed}");
        var changed = new Dictionary<string, string>(settings);
        if (value is null) changed.Remove(key);
        else changed[key] = value;
        var failure = FailureOf<TEntryPoint>(changed);
        var messages = All<OptionsValidationException>(failure).Select(e => e.Message).ToList();
        Assert.True(messages.Count > 0, $"Expected a start check to fail, got {failure?.ToString() ?? "a start"}");
        Assert.Contains(messages, m => m.Contains(key, StringComparison.Ordinal));
    }

    static IEnumerable<T> All<T>(Exception? e) where T : Exception => e switch
    {
        null => [],
        T found => [found],
        AggregateException all => all.InnerExceptions.SelectMany(All<T>),
        _ => All<T>(e.InnerException),
    };

    sealed class ChecksPassed() : Exception("The start checks passed.");

    /// <summary>The first hosted service: the host runs the start checks before it, and nothing after it.</summary>
    sealed class StopAfterTheChecks : IHostedLifecycleService
    {
        public Task StartingAsync(CancellationToken cancellationToken) => throw new ChecksPassed();
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
