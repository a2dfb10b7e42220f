using Gateway.ApiDocs;
using Gateway.Data;
using Gateway.Identity;
using Gateway.Protection;
using Gateway.Proxy;
using Messaging;
using ServiceDefaults;

// The one entry point: token server, authentication, rate limits, security headers, the console,
// the API documents, and YARP to the four services.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServiceDatabase<GatewayDb>("gateway");
builder.AddTokenServer();
builder.Services.AddHostedService<Accounts>();
builder.AddProxying();
builder.AddBackendHealth();
builder.AddRateLimits();

var app = builder.Build();
app.UseSecurityHeaders();
app.UseTokenErrorsAsProblems();
app.UseBodyLimitAnswer();
// The console's files before routing: the console's fallback route must not shadow them.
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseRouting();
app.UseServiceDefaults();
app.UseRateLimiter();
app.UseRequestTimeouts();
app.UseGatewayAuthentication();
app.MapTokenEndpoint();
app.MapApiDocuments();
app.MapGet("/", () => Results.Redirect("/console/")).ExcludeFromDescription();
app.MapFallbackToFile("/console/{**path}", "console/index.html");
app.MapReverseProxy();

app.Run();

public partial class Program;
