using Gateway;
using Gateway.Administration;
using Gateway.ApiDocs;
using Gateway.Identity;
using Gateway.Protection;
using Gateway.Proxy;

// The one entry point: token server and its sign-in page, account administration, authentication, rate limits, security headers, the console,
// the API documents, and YARP to the four services.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddProblemTexts(GatewayTexts.All);
builder.AddServiceDatabase<GatewayDb>("gateway");
builder.AddTokenServer();
builder.Services.AddHostedService<Accounts>();
builder.AddAdministration();
builder.AddProxying();
builder.AddTodoList();
builder.AddApiDocuments();
builder.AddRateLimits();

var app = builder.Build();
// `dotnet Gateway.dll setup-code`: prints the first administrator's one-time code and ends.
if (args is [SetupCode.Command, ..]) return await SetupCode.PrintAsync(app.Services);
// First: the client's own address and scheme, from the ingress only (ForwardedHeaders:KnownNetworks).
app.UseRealClientAddress();
app.UseSecurityHeaders();
// /api/** to the services, on a pipeline of its own: every request of the platform passes here.
app.UseApiProxy();
// Everything else: the token server, the console, the API documents, health.
app.UseTokenErrorsAsProblems();
// The console's files before routing: the console's fallback route must not shadow them.
app.UseDefaultFiles();
app.UseStaticFiles();
app.UseRouting();
// Limits before authentication: the token server checks a client's secret there, and guessing must be
// limited before any secret is checked.
app.UseTokenRequestClient();
app.UseRateLimiter();
app.UseServiceDefaults();
app.MapAuthorizeEndpoint();
app.MapTokenEndpoint();
app.MapAdministration();
app.MapApiDocuments();
app.MapGet("/", () => Results.Redirect("/console/")).AllowAnonymous().ExcludeFromDescription();
app.MapFallbackToFile("/console/{**path}", "console/index.html").AllowAnonymous();

app.Run();
return 0;

public partial class Program;
