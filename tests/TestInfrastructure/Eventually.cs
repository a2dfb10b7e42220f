namespace TestInfrastructure;

/// <summary>Waits for an asynchronous effect (a consumer, a relay) instead of sleeping a guess. The
/// default patience is long: on a loaded machine (every test project at once on two cores) a chain of
/// consumers takes many times what it takes alone, and a test that passes never waits it out.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(2));
        T last;
        do
        {
            last = await probe();
            if (done(last)) return last;
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
        } while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"Timed out waiting until {what}; last value: {last}");
    }
}
