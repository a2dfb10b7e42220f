namespace TestInfrastructure;

/// <summary>Waits for an asynchronous effect (a consumer, a relay) instead of sleeping a guess.</summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan? timeout = null, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
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
