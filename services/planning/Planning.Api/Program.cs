using Planning.Api;
using ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPlanningServices();

var app = builder.Build();
app.UseServiceDefaults();
app.MapOpenApi();
app.MapPlanningEndpoints();

app.Run();

public partial class Program;
