namespace TestInfrastructure;

/// <summary>A private RabbitMQ node in a folder of its own, started by deploy/local/rabbitmq.sh.</summary>
public sealed class PrivateRabbitMq(string folder, string uri)
{
    public string Folder { get; } = folder;
    public string Uri { get; } = uri;

    public static async Task<PrivateRabbitMq> StartAsync(string folder) =>
        new(folder, await Shell.RunAsync(Repository.Script("deploy/local/rabbitmq.sh"), "start", folder));

    /// <summary>Starts the stopped node again on its AMQP port, so its clients find it where it was.</summary>
    public Task StartAgainAsync() => Shell.RunAsync(Repository.Script("deploy/local/rabbitmq.sh"), "start", Folder, new System.Uri(Uri).Port.ToString());

    /// <summary>A virtual host of its own, so one test class's services never take another's messages.</summary>
    public Task<string> CreateVirtualHostAsync(string prefix) =>
        Shell.RunAsync(Repository.Script("deploy/local/rabbitmq.sh"), "vhost", Folder, $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)]);

    /// <summary>SIGKILL of the node, as a crash: immediate, unlike an orderly stop that closes every
    /// connection first.</summary>
    public Task KillAsync() => Shell.RunAsync(Repository.Script("deploy/local/rabbitmq.sh"), "kill", Folder);

    public Task StopAsync() => Shell.RunAsync(Repository.Script("deploy/local/rabbitmq.sh"), "stop", Folder);
}
