using Registry.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddRegistryApi();

var app = builder.Build();
app.UseRegistryApi();
app.Run();

/// <summary>Entry point; public so integration tests can host the API with WebApplicationFactory.</summary>
public partial class Program;
