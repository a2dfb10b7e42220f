using Gateway.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Tests;

/// <summary>The gateway's second chance for reads (<see cref="ReadRetry"/>), driven alone, without a
/// network: YARP's forwarding is played by a step that picks the first destination left, as load
/// balancing would, and fails or answers as told. What an operator relies on: a replica that dies under
/// a read costs the caller nothing, and nothing that changes data is ever sent twice.</summary>
public sealed class Reads_are_sent_again_to_another_replica
{
    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task A_read_whose_replica_could_not_be_reached_is_answered_by_another(string method)
    {
        var proxy = new Proxy(["a", "b"], ForwarderError.Request, null);

        var context = await proxy.SendAsync(method);

        Assert.Equal(["a", "b"], proxy.Attempts);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Null(context.Features.Get<IForwarderErrorFeature>());
    }

    [Fact]
    public async Task A_read_whose_replica_closed_before_its_answer_began_is_answered_by_another()
    {
        var proxy = new Proxy(["a", "b"], ForwarderError.ResponseHeaders, null);

        var context = await proxy.SendAsync("GET");

        Assert.Equal(["a", "b"], proxy.Attempts);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task A_write_whose_replica_failed_is_never_sent_again(string method)
    {
        var proxy = new Proxy(["a", "b"], ForwarderError.Request, null);

        var context = await proxy.SendAsync(method);

        Assert.Equal(["a"], proxy.Attempts);
        Assert.Equal(StatusCodes.Status502BadGateway, context.Response.StatusCode);
        Assert.Equal(ForwarderError.Request, context.Features.Get<IForwarderErrorFeature>()?.Error);
    }

    [Fact]
    public async Task A_read_whose_answer_had_begun_is_not_sent_again()
    {
        var proxy = new Proxy(["a", "b"], ForwarderError.ResponseBodyDestination, null) { AnswerBegins = true };

        var context = await proxy.SendAsync("GET");

        Assert.Equal(["a"], proxy.Attempts);
        Assert.Equal(ForwarderError.ResponseBodyDestination, context.Features.Get<IForwarderErrorFeature>()?.Error);
    }

    [Theory]
    [InlineData(ForwarderError.RequestTimedOut)]
    [InlineData(ForwarderError.RequestCanceled)]
    [InlineData(ForwarderError.ResponseBodyDestination)]
    [InlineData(ForwarderError.RequestBodyClient)]
    public async Task A_read_that_failed_otherwise_than_by_its_connection_is_not_sent_again(ForwarderError error)
    {
        var proxy = new Proxy(["a", "b"], error, null);

        var context = await proxy.SendAsync("GET");

        Assert.Equal(["a"], proxy.Attempts);
        Assert.Equal(error, context.Features.Get<IForwarderErrorFeature>()?.Error);
    }

    [Fact]
    public async Task A_read_with_no_other_replica_is_not_sent_again()
    {
        var proxy = new Proxy(["a"], ForwarderError.Request, null);

        var context = await proxy.SendAsync("GET");

        Assert.Equal(["a"], proxy.Attempts);
        Assert.Equal(StatusCodes.Status502BadGateway, context.Response.StatusCode);
    }

    [Fact]
    public async Task A_read_is_sent_again_once_only_and_its_second_failure_is_the_answer()
    {
        var proxy = new Proxy(["a", "b", "c"], ForwarderError.Request, ForwarderError.Request);

        var context = await proxy.SendAsync("GET");

        Assert.Equal(["a", "b"], proxy.Attempts);
        Assert.Equal(StatusCodes.Status502BadGateway, context.Response.StatusCode);
        Assert.Equal(ForwarderError.Request, context.Features.Get<IForwarderErrorFeature>()?.Error);
    }

    [Fact]
    public async Task A_read_its_caller_gave_up_on_is_not_sent_again()
    {
        var proxy = new Proxy(["a", "b"], ForwarderError.Request, null);
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        await proxy.SendAsync("GET", gone.Token);

        Assert.Equal(["a"], proxy.Attempts);
    }

    [Fact]
    public async Task A_read_that_succeeded_is_sent_once()
    {
        var proxy = new Proxy(["a", "b"], null, null);

        var context = await proxy.SendAsync("GET");

        Assert.Equal(["a"], proxy.Attempts);
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }

    /// <summary>The proxy pipeline as the gateway builds it, first step <see cref="ReadRetry"/>, then a
    /// forwarding step that sends to the first destination left: the first attempt fails with
    /// <paramref name="first"/>, the second with <paramref name="second"/> (null: answered 200).</summary>
    sealed class Proxy(string[] destinations, ForwarderError? first, ForwarderError? second)
    {
        public List<string> Attempts { get; } = [];

        /// <summary>The failing replica had already sent part of its answer to the caller.</summary>
        public bool AnswerBegins { get; init; }

        public async Task<HttpContext> SendAsync(string method, CancellationToken callerGone = default)
        {
            var services = new ServiceCollection().BuildServiceProvider();
            var pipeline = new ProxyPipeline(new ApplicationBuilder(services));
            pipeline.UseReadRetry();
            pipeline.Use(next => Forward);
            var send = pipeline.Build();

            var context = new DefaultHttpContext { RequestAborted = callerGone };
            context.Request.Method = method;
            var all = destinations.Select(d => new DestinationState(d)).ToList();
            context.Features.Set<IReverseProxyFeature>(new ProxyFeature { AllDestinations = all, AvailableDestinations = all });
            await send(context);
            return context;
        }

        Task Forward(HttpContext context)
        {
            var proxying = context.GetReverseProxyFeature();
            var destination = proxying.AvailableDestinations[0];
            proxying.ProxiedDestination = destination;
            Attempts.Add(destination.DestinationId);
            if ((Attempts.Count == 1 ? first : second) is not { } error)
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                return Task.CompletedTask;
            }
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            if (AnswerBegins) context.Features.Set<IHttpResponseFeature>(new BegunResponse());
            context.Features.Set<IForwarderErrorFeature>(new ForwardingFailed(error));
            return Task.CompletedTask;
        }
    }

    sealed class ProxyPipeline(IApplicationBuilder app) : IReverseProxyApplicationBuilder
    {
        public IServiceProvider ApplicationServices { get => app.ApplicationServices; set => app.ApplicationServices = value; }
        public IFeatureCollection ServerFeatures => app.ServerFeatures;
        public IDictionary<string, object?> Properties => app.Properties;
        public RequestDelegate Build() => app.Build();
        public IApplicationBuilder New() => app.New();
        public IApplicationBuilder Use(Func<RequestDelegate, RequestDelegate> middleware) => app.Use(middleware);
    }

    sealed class ProxyFeature : IReverseProxyFeature
    {
        public RouteModel Route => throw new NotSupportedException();
        public ClusterModel Cluster { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public IReadOnlyList<DestinationState> AllDestinations { get; init; } = [];
        public IReadOnlyList<DestinationState> AvailableDestinations { get; set; } = [];
        public DestinationState? ProxiedDestination { get; set; }
    }

    sealed class ForwardingFailed(ForwarderError error) : IForwarderErrorFeature
    {
        public ForwarderError Error => error;
        public Exception? Exception => null;
    }

    sealed class BegunResponse : HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
