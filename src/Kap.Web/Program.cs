using Kap.Application;
using Kap.Infrastructure;
using Kap.Web;

var builder = WebApplication.CreateBuilder(args);

builder.Services
    .AddApplication(builder.Configuration)
    .AddInfrastructure(builder.Configuration, builder.Environment)
    .AddWeb(builder.Configuration);

var app = builder.Build();
app.UseWeb();
await app.InitializeDatabaseAsync();
await app.RunAsync();
