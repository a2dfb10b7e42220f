using Filing.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddProblemTexts(FilingTexts.All);
builder.AddFilingServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapFilingEndpoints();

app.Run();

public partial class Program;
