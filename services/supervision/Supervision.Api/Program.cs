using Supervision.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddProblemTexts(SupervisionTexts.All);
builder.AddSupervisionServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapSupervisionEndpoints();

app.Run();

public partial class Program;
