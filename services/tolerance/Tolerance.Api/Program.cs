using Tolerance.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddProblemTexts(ToleranceTexts.All);
builder.AddToleranceServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapToleranceEndpoints();

app.Run();

public partial class Program;
