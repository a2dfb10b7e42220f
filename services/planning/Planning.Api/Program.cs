using Planning.Api;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.Services.AddProblemTexts(PlanningTexts.All);
builder.AddPlanningServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi().AllowAnonymous();
app.MapPlanningEndpoints();

app.Run();

public partial class Program;
